"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

import { useViewerTimeZone } from "@/components/dashboard/use-viewer-time-zone";
import { bucketProgress, type ProgressBucket, type ProgressSlot, type ProgressUnit } from "@/lib/dashboard/bucket-progress";

/**
 * Cumulative progress per local hour or day of the viewer, drawn as lines with a table of the
 * same numbers beneath. Times are stored in UTC and rendered here with Intl in the browser's zone.
 */
export function ProgressChart({ slots, humanItemsTarget }: { slots: ProgressSlot[]; humanItemsTarget: number }) {
  const timeZone = useViewerTimeZone();
  if (timeZone === null) {
    return <p className="text-sm text-slate-500">Reading your time zone…</p>;
  }
  if (slots.length === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="progress-time-zone">
        No judgments under the current filters. Times will be shown in your time zone, {timeZone}.
      </p>
    );
  }

  const progress = bucketProgress({ slots, timeZone });
  const formatBucket = bucketFormatter(progress.unit, timeZone);
  const hasSimulated = progress.buckets.some((bucket) => bucket.simulatedJudgments > 0);
  const chartLabel = `Cumulative judgments per ${progress.unit}, times in ${timeZone}`;
  // Dots keep a study with a single busy hour or day visible; many of them would hide the line.
  const showDots = progress.buckets.length <= 24;

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600" data-testid="progress-time-zone">
        Times are in your time zone, {timeZone} (stored in UTC), grouped per {progress.unit}.
      </p>
      <LineChart
        responsive
        style={{ width: "100%", height: 260 }}
        data={progress.buckets}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
        aria-label={chartLabel}
        title={chartLabel}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="startMs" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(value: number) => formatBucket(value)} />
        <YAxis allowDecimals={false} />
        <Tooltip labelFormatter={(value) => formatBucket(Number(value))} />
        <Legend />
        {humanItemsTarget > 0 && <ReferenceLine y={humanItemsTarget} stroke="#94a3b8" strokeDasharray="4 4" label="target" />}
        <Line type="stepAfter" dataKey="cumulativeHumanItems" name="Items judged by crowdworkers" stroke="#4f46e5" dot={showDots} isAnimationActive={false} />
        {hasSimulated && (
          <Line type="stepAfter" dataKey="cumulativeSimulatedJudgments" name="Simulated judgments" stroke="#059669" dot={showDots} isAnimationActive={false} />
        )}
      </LineChart>
      <ProgressTable buckets={progress.buckets} formatBucket={formatBucket} timeZone={timeZone} hasSimulated={hasSimulated} />
    </div>
  );
}

function ProgressTable({
  buckets,
  formatBucket,
  timeZone,
  hasSimulated,
}: {
  buckets: ProgressBucket[];
  formatBucket: (startMs: number) => string;
  timeZone: string;
  hasSimulated: boolean;
}) {
  return (
    <details>
      <summary className="cursor-pointer text-sm text-indigo-700">Show the numbers as a table</summary>
      <table className="mt-2 text-sm" data-testid="progress-table">
        <caption className="text-left text-slate-600">Items crowdworkers judged and simulated judgments per period, times in {timeZone}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-1 pr-4 text-left font-medium">Period starting</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Items judged by crowdworkers</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Total so far</th>
            {hasSimulated && <th scope="col" className="py-1 pr-4 text-right font-medium">Simulated judgments</th>}
            {hasSimulated && <th scope="col" className="py-1 text-right font-medium">Total so far</th>}
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.key} className="border-b border-slate-100 tabular-nums">
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {formatBucket(bucket.startMs)}
              </th>
              <td className="py-1 pr-4 text-right">{bucket.humanItems}</td>
              <td className="py-1 pr-4 text-right">{bucket.cumulativeHumanItems}</td>
              {hasSimulated && <td className="py-1 pr-4 text-right">{bucket.simulatedJudgments}</td>}
              {hasSimulated && <td className="py-1 text-right">{bucket.cumulativeSimulatedJudgments}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function bucketFormatter(unit: ProgressUnit, timeZone: string): (startMs: number) => string {
  const format = new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    ...(unit === "hour" ? { hour: "2-digit", minute: "2-digit" } : {}),
  });
  return (startMs) => format.format(startMs);
}
