import { IntervalBarChart } from "@/components/dashboard/interval-bar-chart";
import type { JudgeKind, StudyWinRateTable } from "@/lib/stats/study-stats-types";

const JUDGE_KIND_LABELS: Record<JudgeKind, string> = { HUMAN: "Crowdworkers", SIMULATED: "Simulated judges" };

const OVERALL = "Overall";

/** Render bars of each candidate's combination means and overall win rate, with prompt-bootstrap intervals, per judge kind. */
export async function WinRateBarsWidget({ table }: { table: Promise<StudyWinRateTable> }) {
  const { judgeKinds, combinationNames, baselineSystem, bootstrap } = await table;
  if (judgeKinds.length === 0) {
    return <p className="text-sm text-slate-600">The filter includes no judge kind.</p>;
  }

  const categories = [...combinationNames, OVERALL];
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Whiskers: {Math.round(bootstrap.confidence * 100)}% intervals from {bootstrap.rounds} bootstrap rounds that resample prompts (seed{" "}
        {bootstrap.seed}). The dashed line marks parity with {baselineSystem}.
      </p>
      {judgeKinds.map((judgeKind) => (
        <section key={judgeKind.judgeKind} className="space-y-2">
          <h3 className="text-base font-semibold">
            {JUDGE_KIND_LABELS[judgeKind.judgeKind]} ({judgeKind.n} judgments over {judgeKind.promptCount} prompts)
          </h3>
          {judgeKind.n === 0 ? (
            <p className="text-sm text-slate-600">No judgments from {JUDGE_KIND_LABELS[judgeKind.judgeKind].toLowerCase()} under this filter.</p>
          ) : (
            <IntervalBarChart
              testId={`win-rate-bars-${judgeKind.judgeKind}`}
              label={`${JUDGE_KIND_LABELS[judgeKind.judgeKind]}: win rate against ${baselineSystem} per combination and overall`}
              categoryLabel="Combination"
              categories={categories}
              series={judgeKind.candidates.map((candidate) => ({
                name: candidate.candidateSystem,
                points: [...candidate.combinations.map((combination) => combination.mean), candidate.overall].map((mean) => ({
                  value: mean.winRate,
                  interval: mean.interval,
                  n: mean.n,
                })),
              }))}
            />
          )}
        </section>
      ))}
    </div>
  );
}
