/**
 * Compute percent agreement and Cohen's kappa (Cohen, 1960) of two raters from their
 * confusion matrix: `matrix[i][j]` counts items the first rater put in category i and the
 * second in category j. Kappa is null without items or when chance agreement is 1 (both raters
 * used one and the same category throughout).
 */
export function computeCohenKappa(matrix: readonly (readonly number[])[]): { n: number; percentAgreement: number | null; kappa: number | null } {
  const categoryCount = matrix.length;
  const rowTotals = matrix.map((row) => row.reduce((sum, count) => sum + count, 0));
  const columnTotals = Array.from({ length: categoryCount }, (_, column) => matrix.reduce((sum, row) => sum + (row[column] ?? 0), 0));
  const n = rowTotals.reduce((sum, total) => sum + total, 0);
  if (n === 0) {
    return { n, percentAgreement: null, kappa: null };
  }

  const observed = matrix.reduce((sum, row, category) => sum + (row[category] ?? 0), 0) / n;
  const expected = rowTotals.reduce((sum, total, category) => sum + (total / n) * (columnTotals[category] / n), 0);
  return { n, percentAgreement: observed, kappa: expected >= 1 ? null : (observed - expected) / (1 - expected) };
}
