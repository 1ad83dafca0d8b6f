import type { Interval } from "@/lib/stats/study-stats-types";

/**
 * Compute the central percentile interval of bootstrap replicates, skipping NaN (rounds where
 * the statistic was undefined). Quantiles interpolate linearly between order statistics
 * (Hyndman and Fan's type 7, the default of R and NumPy). Returns null when no replicate is a number.
 */
export function computePercentileInterval(replicates: Float64Array, confidence: number): Interval | null {
  const values = replicates.filter((value) => !Number.isNaN(value)).sort();
  if (values.length === 0) {
    return null;
  }

  const tail = (1 - confidence) / 2;
  return { lower: quantile(values, tail), upper: quantile(values, 1 - tail) };
}

function quantile(sorted: Float64Array, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
