import type { Interval } from "@/lib/stats/study-stats-types";

/** Format a win rate as a percentage with one decimal, such as 62.5%, or "no data" for null. */
export function formatWinRate(winRate: number | null): string {
  return winRate === null ? "no data" : `${(winRate * 100).toFixed(1)}%`;
}

/** Format an interval of proportions as "40.1–80.2%", or "" when there is none. */
export function formatRateInterval(interval: Interval | null): string {
  return interval ? `${(interval.lower * 100).toFixed(1)}–${(interval.upper * 100).toFixed(1)}%` : "";
}

/** Format a coefficient such as a kappa with three decimals, or "no data" for null. */
export function formatCoefficient(value: number | null): string {
  return value === null ? "no data" : value.toFixed(3);
}

/** Format a Bradley-Terry rating to the nearest point, or "not rated" for null. */
export function formatRating(value: number | null): string {
  return value === null ? "not rated" : value.toFixed(0);
}

/** Lower and upper distances from `value` to its interval, as recharts' ErrorBar expects; null without both. */
export function errorBarOf(value: number | null, interval: Interval | null): [number, number] | null {
  return value === null || interval === null ? null : [value - interval.lower, interval.upper - value];
}

/** Write a count with its noun, such as "1 prompt" or "3 prompts". */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
