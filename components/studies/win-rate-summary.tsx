import { formatRateInterval, formatWinRate } from "@/components/dashboard/format-statistics";
import { TooFewPromptsNote } from "@/components/dashboard/too-few-prompts-note";
import type { JudgeKindWinRates } from "@/lib/stats/study-stats-types";

/** Render each candidate's overall win rate against the baseline with its bootstrap interval, the headline of a study. */
export function WinRateSummary({ winRates, baselineSystem }: { winRates: JudgeKindWinRates; baselineSystem: string }) {
  if (winRates.candidates.length === 0) {
    return <p className="text-sm text-slate-600">The study has no candidates.</p>;
  }

  return (
    <div className="space-y-2">
      <TooFewPromptsNote promptCount={winRates.promptCount} />
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="mb-1 text-left text-sm text-slate-600">
          Overall win rate against {baselineSystem}: the mean over combinations of each combination&apos;s mean over criteria
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="p-2 text-left font-medium">Candidate</th>
            <th scope="col" className="p-2 text-right font-medium">Overall win rate</th>
            <th scope="col" className="p-2 text-right font-medium">95% interval</th>
            <th scope="col" className="p-2 text-right font-medium">Combinations with data</th>
            <th scope="col" className="p-2 text-right font-medium">Judgments</th>
          </tr>
        </thead>
        <tbody>
          {winRates.candidates.map((candidate) => (
            <tr key={candidate.candidateSystem} className="border-b border-slate-100 tabular-nums">
              <th scope="row" className="p-2 text-left font-medium">
                {candidate.candidateSystem}
              </th>
              <td className="p-2 text-right font-semibold" data-testid={`overall-${candidate.candidateSystem}`}>
                {formatWinRate(candidate.overall.winRate)}
              </td>
              <td className="p-2 text-right">{formatRateInterval(candidate.overall.interval)}</td>
              <td className="p-2 text-right">
                {candidate.overall.cellsCovered} of {candidate.overall.cellsTotal}
              </td>
              <td className="p-2 text-right">{candidate.overall.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
