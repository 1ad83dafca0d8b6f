import type { MeanWinRate, WinRateCell } from "@/lib/stats/compute-win-rates";
import type { StudyWinRates } from "@/lib/stats/get-study-win-rates";

/** Format a win rate as a percentage with one decimal, such as 62.5%, or "no data" for null. */
export function formatWinRate(winRate: number | null): string {
  return winRate === null ? "no data" : `${(winRate * 100).toFixed(1)}%`;
}

/**
 * Render one table per candidate: a row per combination and a column per criterion plus the
 * combination mean. Each cell shows the number of judgments behind it.
 */
export function WinRateTables({ report, criterionNames }: { report: StudyWinRates; criterionNames: Record<string, string> }) {
  if (report.candidates.length === 0) {
    return <p className="text-sm text-slate-600">The study has no candidates.</p>;
  }

  return (
    <div className="space-y-8">
      {report.candidates.map((candidate) => (
        <section key={candidate.candidateSystem} className="space-y-2">
          <h3 className="text-base font-semibold">{candidate.candidateSystem}</h3>
          <p className="text-lg font-semibold" data-testid={`overall-${candidate.candidateSystem}`}>
            Overall win rate vs {report.baselineSystem}: {formatWinRate(candidate.overall.winRate)}
          </p>
          <p className="text-xs text-slate-500">
            Mean over {candidate.overall.cellsCovered} of {candidate.overall.cellsTotal} combinations with data.
          </p>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="mb-1 text-left text-sm text-slate-600">
                Win rate of {candidate.candidateSystem} against {report.baselineSystem}
              </caption>
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="p-2 text-left">Combination</th>
                  {report.criterionKeys.map((key) => (
                    <th key={key} scope="col" className="p-2 text-right">
                      {key} {criterionNames[key] ?? ""}
                    </th>
                  ))}
                  <th scope="col" className="p-2 text-right">Mean</th>
                </tr>
              </thead>
              <tbody>
                {candidate.combinations.map((combination) => {
                  const testId = (criterionKey: string) => `win-rate-${candidate.candidateSystem}-${combination.combinationName}-${criterionKey}`;
                  return (
                    <tr key={combination.combinationName} className="border-b border-slate-100">
                      <th scope="row" className="p-2 text-left font-mono">
                        {combination.combinationName}
                      </th>
                      {combination.cells.map((cell) => (
                        <CellView key={cell.criterionKey} testId={testId(cell.criterionKey)} cell={cell} />
                      ))}
                      <MeanView testId={testId("mean")} mean={combination.mean} n={combination.cells.reduce((sum, cell) => sum + cell.n, 0)} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

function CellView({ testId, cell }: { testId: string; cell: WinRateCell }) {
  return (
    <td className="p-2 text-right tabular-nums" data-testid={testId} title={`${cell.wins} wins, ${cell.ties} ties, ${cell.losses} losses`}>
      <span className={cell.winRate === null ? "text-slate-400" : undefined}>{formatWinRate(cell.winRate)}</span>
      <span className="block text-xs text-slate-500">n = {cell.n}</span>
    </td>
  );
}

function MeanView({ testId, mean, n }: { testId: string; mean: MeanWinRate; n: number }) {
  const partial = mean.cellsCovered < mean.cellsTotal && mean.cellsCovered > 0;
  return (
    <td className="bg-slate-50 p-2 text-right font-medium tabular-nums" data-testid={testId}>
      <span className={mean.winRate === null ? "text-slate-400" : undefined}>{formatWinRate(mean.winRate)}</span>
      <span className="block text-xs font-normal text-slate-500">
        n = {n}
        {partial && ` (${mean.cellsCovered} of ${mean.cellsTotal} criteria)`}
      </span>
    </td>
  );
}
