/**
 * Compute Fleiss' kappa (Fleiss, 1971) from per-unit category counts: `units[i][j]` is how many
 * raters put unit i in category j. Units may have different numbers of raters. Each unit's
 * agreement is then its share of agreeing rater pairs, and the chance term uses the pooled
 * category shares. Units with fewer than two ratings are skipped. Returns null when no unit
 * has two ratings or when every rating falls in one category (kappa is undefined there).
 */
export function computeFleissKappa(units: readonly (readonly number[])[]): number | null {
  let agreementSum = 0;
  let unitCount = 0;
  let ratingCount = 0;
  const categoryTotals: number[] = [];

  for (const counts of units) {
    const raters = counts.reduce((sum, count) => sum + count, 0);
    if (raters < 2) {
      continue;
    }

    const agreeingPairs = counts.reduce((sum, count) => sum + count * (count - 1), 0);
    agreementSum += agreeingPairs / (raters * (raters - 1));
    unitCount += 1;
    ratingCount += raters;
    counts.forEach((count, category) => {
      categoryTotals[category] = (categoryTotals[category] ?? 0) + count;
    });
  }
  if (unitCount === 0) {
    return null;
  }

  const observed = agreementSum / unitCount;
  const expected = categoryTotals.reduce((sum, total) => sum + (total / ratingCount) ** 2, 0);
  return expected >= 1 ? null : (observed - expected) / (1 - expected);
}
