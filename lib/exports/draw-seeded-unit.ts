import { createHash } from "node:crypto";

/**
 * Draw a number in [0, 1) from a seed and a key. The same seed and key give the same number
 * on every machine and Node version, so splits and random choices can be reproduced.
 */
export function drawSeededUnit(seed: number, key: string): number {
  const digest = createHash("sha256").update(`${seed}\u0000${key}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The split a training prompt belongs to: `eval` for about `evalFraction` of prompt keys. */
export function splitForPrompt(seed: number, promptKey: string, evalFraction: number): "train" | "eval" {
  return drawSeededUnit(seed, `split\u0000${promptKey}`) < evalFraction ? "eval" : "train";
}
