import type { Interval } from "@/lib/stats/study-stats-types";
import { normalQuantile } from "@/lib/stats/normal-quantile";

/**
 * Compute the Wilson score interval of a proportion `successes / n` (Wilson, 1927). `successes`
 * may be fractional, as with ties counted as half a win. Returns null when n is 0.
 */
export function computeWilsonInterval({ successes, n, confidence = 0.95 }: { successes: number; n: number; confidence?: number }): Interval | null {
  if (n <= 0) {
    return null;
  }

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const proportion = successes / n;
  const zSquaredOverN = (z * z) / n;
  const center = (proportion + zSquaredOverN / 2) / (1 + zSquaredOverN);
  const halfWidth = (z / (1 + zSquaredOverN)) * Math.sqrt((proportion * (1 - proportion)) / n + zSquaredOverN / (4 * n));

  // At a proportion of exactly 0 or 1 the bound is exactly 0 or 1, which subtracting two
  // nearly equal floats would turn into values such as 5.6e-17.
  const lower = proportion === 0 ? 0 : Math.max(0, center - halfWidth);
  const upper = proportion === 1 ? 1 : Math.min(1, center + halfWidth);
  return { lower, upper };
}
