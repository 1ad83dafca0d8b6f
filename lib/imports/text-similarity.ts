/**
 * Sørensen–Dice coefficient of the character bigrams of two strings, from 0 (no bigram in
 * common) to 1 (same bigrams). Used on normalized instructions to suggest near matches.
 */
export function textSimilarity(left: string, right: string): number {
  if (left === right) {
    return 1;
  }
  if (left.length < 2 || right.length < 2) {
    return 0;
  }

  const leftBigrams = countBigrams(left);
  let shared = 0;
  for (let index = 0; index < right.length - 1; index += 1) {
    const bigram = right.slice(index, index + 2);
    const count = leftBigrams.get(bigram) ?? 0;
    if (count > 0) {
      leftBigrams.set(bigram, count - 1);
      shared += 1;
    }
  }
  return (2 * shared) / (left.length - 1 + right.length - 1);
}

function countBigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = 0; index < text.length - 1; index += 1) {
    const bigram = text.slice(index, index + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  return counts;
}
