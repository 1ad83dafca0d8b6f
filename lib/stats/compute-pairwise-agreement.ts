/**
 * Compute raw pairwise agreement from per-unit category counts: of all pairs of ratings of
 * the same unit, the share that name the same category. Returns null when no unit has two ratings.
 */
export function computePairwiseAgreement(units: readonly (readonly number[])[]): number | null {
  let agreeingPairs = 0;
  let allPairs = 0;
  for (const counts of units) {
    const raters = counts.reduce((sum, count) => sum + count, 0);
    agreeingPairs += counts.reduce((sum, count) => sum + (count * (count - 1)) / 2, 0);
    allPairs += (raters * (raters - 1)) / 2;
  }
  return allPairs === 0 ? null : agreeingPairs / allPairs;
}
