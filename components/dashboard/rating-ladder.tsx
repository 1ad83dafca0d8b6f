"use client";

import { CartesianGrid, ErrorBar, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";

import { errorBarOf, formatRating } from "@/components/dashboard/format-statistics";
import type { RatedSystem } from "@/lib/stats/study-stats-types";

/**
 * Draw the Bradley-Terry ladder as points with interval whiskers, highest rating on top.
 * Flagged systems have no rating, so the chart leaves them out and the ladder table lists them.
 */
export function RatingLadder({ systems }: { systems: RatedSystem[] }) {
  const rated = systems
    .filter((system) => system.rating !== null)
    .map((system) => ({ system: system.system, rating: system.rating, error: errorBarOf(system.rating, system.interval) }));
  if (rated.length === 0) {
    return null;
  }

  const label = `Bradley-Terry ratings of ${rated.length} systems with 95% bootstrap intervals`;
  return (
    <ScatterChart
      responsive
      style={{ width: "100%", height: Math.max(120, 48 * rated.length + 60) }}
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      aria-label={label}
      title={label}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis type="number" dataKey="rating" name="Rating" domain={["auto", "auto"]} tick={{ fontSize: 12 }} tickFormatter={(value: number) => value.toFixed(0)} />
      <YAxis type="category" dataKey="system" name="System" width={150} reversed allowDuplicatedCategory={false} tick={{ fontSize: 12 }} tickFormatter={shortenName} />
      <Tooltip formatter={(value) => (typeof value === "number" ? formatRating(value) : String(value))} />
      <Scatter data={rated} fill="#4f46e5" isAnimationActive={false}>
        <ErrorBar dataKey="error" direction="x" width={6} stroke="#0f172a" isAnimationActive={false} />
      </Scatter>
    </ScatterChart>
  );
}

/** Shorten a long system name for an axis label by keeping its start and end. The ladder table shows the whole name. */
function shortenName(name: string): string {
  return name.length <= 20 ? name : `${name.slice(0, 9)}…${name.slice(-10)}`;
}
