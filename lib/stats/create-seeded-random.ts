/**
 * Create a pseudo-random generator of uniform numbers in [0, 1) from a 32-bit seed, by the
 * mulberry32 algorithm (Tommy Ettinger, public domain). The same seed always gives the same
 * sequence, which is what makes bootstrap intervals reproducible; it is not for cryptography.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
