import { formatRateInterval, formatWinRate } from "@/components/dashboard/format-statistics";
import type { CandidateWinRateRow, JudgeKind, MeanWinRateWithInterval, WinRateCellWithInterval } from "@/lib/stats/study-stats-types";

const JUDGE_KIND_LABELS: Record<JudgeKind, string> = { HUMAN: "Crowdworkers", SIMULATED: "Simulated judges" };

/**
 * Render a heatmap of one candidate's win rates, with a row per combination and a column per
 * criterion plus the combination mean. It is an HTML table, so screen readers get the numbers
 * the colours show, and cells without judgments read "no data".
 */
export function WinRateHeatmap({
  judgeKind,
  candidate,
  baselineSystem,
  criterionKeys,
  criterionNames,
}: {
  judgeKind: JudgeKind;
  candidate: CandidateWinRateRow;
  baselineSystem: string;
  criterionKeys: string[];
  criterionNames: Record<string, string>;
}) {
  const testId = (combination: string, column: string) => `heatmap-${judgeKind}-${candidate.candidateSystem}-${combination}-${column}`;

  return (
    <div className="overflow-x-auto">
      <table className="border-separate border-spacing-1 text-sm">
        <caption className="mb-1 text-left text-sm text-slate-600">
          {JUDGE_KIND_LABELS[judgeKind]}: win rate of <span className="font-medium text-slate-900">{candidate.candidateSystem}</span> against{" "}
          {baselineSystem}, overall{" "}
          <span className="font-medium text-slate-900" data-testid={`heatmap-${judgeKind}-${candidate.candidateSystem}-overall`}>
            {formatWinRate(candidate.overall.winRate)}
          </span>
          {candidate.overall.interval && ` (95% interval ${formatRateInterval(candidate.overall.interval)})`}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-2 text-left font-medium text-slate-500">
              Combination
            </th>
            {criterionKeys.map((key) => (
              <th key={key} scope="col" className="px-2 text-center font-medium text-slate-500">
                {key}
                {criterionNames[key] && <span className="block text-xs font-normal">{criterionNames[key]}</span>}
              </th>
            ))}
            <th scope="col" className="px-2 text-center font-medium text-slate-500">
              Mean
            </th>
          </tr>
        </thead>
        <tbody>
          {candidate.combinations.map((combination) => (
            <tr key={combination.combinationName}>
              <th scope="row" className="px-2 text-left font-mono font-normal">
                {combination.combinationName}
              </th>
              {combination.cells.map((cell) => (
                <HeatmapCell key={cell.criterionKey} testId={testId(combination.combinationName, cell.criterionKey)} cell={cell} />
              ))}
              <MeanCell testId={testId(combination.combinationName, "mean")} mean={combination.mean} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeatmapCell({ testId, cell }: { testId: string; cell: WinRateCellWithInterval }) {
  const detail =
    cell.winRate === null
      ? `no data (${cell.n} judgments)`
      : `${formatWinRate(cell.winRate)}, Wilson 95% interval ${formatRateInterval(cell.interval)}; ${cell.wins} wins, ${cell.ties} ties, ${cell.losses} losses`;

  return (
    <td className="min-w-20 rounded px-2 py-1 text-center tabular-nums" style={heatStyle(cell.winRate)} title={detail} data-testid={testId}>
      <span className="block font-medium">{formatWinRate(cell.winRate)}</span>
      <span className="block text-xs opacity-80">n = {cell.n}</span>
    </td>
  );
}

function MeanCell({ testId, mean }: { testId: string; mean: MeanWinRateWithInterval }) {
  const detail = mean.interval ? `prompt-bootstrap 95% interval ${formatRateInterval(mean.interval)}` : "no interval";

  return (
    <td
      className="min-w-20 rounded border border-slate-300 px-2 py-1 text-center tabular-nums"
      style={heatStyle(mean.winRate)}
      title={`${formatWinRate(mean.winRate)}, ${detail}; mean over ${mean.cellsCovered} of ${mean.cellsTotal} criteria`}
      data-testid={testId}
    >
      <span className="block font-semibold">{formatWinRate(mean.winRate)}</span>
      <span className="block text-xs opacity-80">n = {mean.n}</span>
    </td>
  );
}

/**
 * Colour a win rate on a diverging scale: red below one half, blue above, paler towards one
 * half. Cells without data are grey and hatched so they never read as an even split.
 */
function heatStyle(winRate: number | null): React.CSSProperties {
  if (winRate === null) {
    return { background: "repeating-linear-gradient(45deg, #f1f5f9, #f1f5f9 4px, #e2e8f0 4px, #e2e8f0 8px)", color: "#64748b" };
  }

  const distance = Math.abs(winRate - 0.5) * 2;
  const hue = winRate < 0.5 ? 0 : 221;
  const lightness = 97 - distance * 45;
  return { backgroundColor: `hsl(${hue} 75% ${lightness}%)`, color: lightness < 70 ? "#ffffff" : "#0f172a" };
}

/** Render the colour key of the heatmap. */
export function HeatmapLegend() {
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600" aria-hidden="true">
      <span>Baseline wins</span>
      {stops.map((stop) => (
        <span key={stop} className="inline-block rounded px-2 py-0.5 tabular-nums" style={heatStyle(stop)}>
          {stop * 100}%
        </span>
      ))}
      <span>Candidate wins</span>
      <span className="inline-block rounded px-2 py-0.5" style={heatStyle(null)}>
        no data
      </span>
    </div>
  );
}
