/** Return the category with strictly more ratings than any other, or null on a tie for the most (or no ratings). */
export function findMajorityCategory(counts: readonly number[]): number | null {
  let best: number | null = null;
  let bestCount = 0;
  let tied = false;
  counts.forEach((count, category) => {
    if (count > bestCount) {
      best = category;
      bestCount = count;
      tied = false;
    } else if (count === bestCount && count > 0) {
      tied = true;
    }
  });
  return tied ? null : best;
}
