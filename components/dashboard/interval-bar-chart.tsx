"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

import { errorBarOf, formatRateInterval, formatWinRate } from "@/components/dashboard/format-statistics";
import type { Interval } from "@/lib/stats/study-stats-types";

/** One bar: a proportion with its interval and the judgments behind it, and a remark for the table. A null `value` means no data. */
export type IntervalPoint = { value: number | null; interval: Interval | null; n: number; note?: string };

export type IntervalSeries = { name: string; points: IntervalPoint[] };

const SERIES_COLOURS = ["#4f46e5", "#059669", "#d97706", "#db2777", "#0891b2", "#65a30d"];

/**
 * Draw grouped bars of proportions (0 to 100%) with interval whiskers and a dashed line at one
 * half, plus a table of the same numbers. Categories without data get no bar and read "no data",
 * and a chart without any judgments is replaced by a sentence saying so.
 */
export function IntervalBarChart({
  label,
  categoryLabel,
  categories,
  series,
  testId,
}: {
  label: string;
  categoryLabel: string;
  categories: string[];
  series: IntervalSeries[];
  testId: string;
}) {
  if (series.every((entry) => entry.points.every((point) => point.n === 0))) {
    return (
      <p className="text-sm text-slate-600" data-testid={testId}>
        No judgments under this filter.
      </p>
    );
  }

  // Series are keyed by position, because recharts reads dots in a dataKey as a path into the row.
  const data = categories.map((category, categoryIndex) =>
    Object.fromEntries([
      ["category", category],
      ...series.flatMap((entry, seriesIndex) => {
        const point = entry.points[categoryIndex];
        return [
          [`s${seriesIndex}`, point.value],
          [`s${seriesIndex}Error`, errorBarOf(point.value, point.interval)],
        ];
      }),
    ]),
  );

  // Every category is labelled, slanted when there are too many to fit side by side.
  const slanted = categories.length > 5;

  return (
    <figure className="space-y-2" data-testid={testId}>
      <BarChart responsive style={{ width: "100%", height: 280 }} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} aria-label={label} title={label}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="category" interval={0} tick={{ fontSize: 11 }} angle={slanted ? -30 : 0} textAnchor={slanted ? "end" : "middle"} height={slanted ? 70 : 30} />
        <YAxis domain={[0, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} />
        <Tooltip formatter={(value) => (typeof value === "number" ? formatWinRate(value) : "no data")} />
        <Legend />
        <ReferenceLine y={0.5} stroke="#64748b" strokeDasharray="4 4" />
        {series.map((entry, seriesIndex) => (
          <Bar key={entry.name} dataKey={`s${seriesIndex}`} name={entry.name} fill={SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]} isAnimationActive={false}>
            <ErrorBar dataKey={`s${seriesIndex}Error`} width={4} stroke="#0f172a" isAnimationActive={false} />
          </Bar>
        ))}
      </BarChart>
      <figcaption>
        <details>
          <summary className="cursor-pointer text-sm text-indigo-700">Show the numbers as a table</summary>
          <table className="mt-2 text-sm">
            <caption className="text-left text-slate-600">{label}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-500">
                <th scope="col" className="py-1 pr-4 text-left font-medium">
                  {categoryLabel}
                </th>
                {series.map((entry) => (
                  <th key={entry.name} scope="col" className="py-1 pr-4 text-right font-medium">
                    {entry.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((category, categoryIndex) => (
                <tr key={category} className="border-b border-slate-100 tabular-nums">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {category}
                  </th>
                  {series.map((entry) => {
                    const point = entry.points[categoryIndex];
                    return (
                      <td key={entry.name} className="py-1 pr-4 text-right">
                        {formatWinRate(point.value)}
                        {point.interval && <span className="block text-xs text-slate-500">{formatRateInterval(point.interval)}</span>}
                        <span className="block text-xs text-slate-500">n = {point.n}</span>
                        {point.note && <span className="block text-xs text-slate-500">{point.note}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
