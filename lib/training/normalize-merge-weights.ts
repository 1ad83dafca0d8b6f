/**
 * Scale merge weights to sum to 1. With no weights given, every adapter gets 1/n, the
 * uniform average of the public P-Soups code. Throws an Error naming the problem when only
 * some weights are given or a weight is not a positive finite number.
 */
export function normalizeMergeWeights(weights: readonly (number | undefined)[]): number[] {
  if (weights.length === 0) {
    throw new Error("A merge needs at least one adapter.");
  }

  const givenCount = weights.filter((weight) => weight !== undefined).length;
  if (givenCount > 0 && givenCount < weights.length) {
    throw new Error("Give a weight for every adapter, or for none to merge them uniformly.");
  }

  const given = weights.map((weight) => weight ?? 1);
  const invalid = given.find((weight) => !Number.isFinite(weight) || weight <= 0);
  if (invalid !== undefined) {
    throw new Error(`Merge weight ${invalid} is invalid; every weight must be a positive number.`);
  }

  const total = given.reduce((sum, weight) => sum + weight, 0);
  return given.map((weight) => weight / total);
}
