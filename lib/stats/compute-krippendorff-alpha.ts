/**
 * Compute Krippendorff's alpha for nominal data from per-unit category counts (`units[i][j]`
 * ratings of unit i in category j), through the coincidence matrix of Krippendorff (2011,
 * "Computing Krippendorff's Alpha-Reliability"). Missing ratings need no special value: a unit
 * simply has fewer of them, and units with fewer than two are not pairable and are skipped.
 * Returns null when fewer than two pairable ratings exist or all of them share one category.
 */
export function computeKrippendorffAlpha(units: readonly (readonly number[])[]): number | null {
  const categoryCount = Math.max(0, ...units.map((counts) => counts.length));
  const coincidences = Array.from({ length: categoryCount }, () => new Float64Array(categoryCount));

  for (const counts of units) {
    const raters = counts.reduce((sum, count) => sum + count, 0);
    if (raters < 2) {
      continue;
    }
    for (let first = 0; first < counts.length; first += 1) {
      for (let second = 0; second < counts.length; second += 1) {
        const pairs = first === second ? counts[first] * (counts[first] - 1) : counts[first] * counts[second];
        coincidences[first][second] += pairs / (raters - 1);
      }
    }
  }

  const marginals = coincidences.map((row) => row.reduce((sum, value) => sum + value, 0));
  const total = marginals.reduce((sum, value) => sum + value, 0);
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let first = 0; first < categoryCount; first += 1) {
    for (let second = 0; second < categoryCount; second += 1) {
      if (first !== second) {
        observedDisagreement += coincidences[first][second];
        expectedDisagreement += marginals[first] * marginals[second];
      }
    }
  }

  if (total < 2 || expectedDisagreement === 0) {
    return null;
  }
  return 1 - ((total - 1) * observedDisagreement) / expectedDisagreement;
}
