import { formatCount } from "@/components/dashboard/format-statistics";
import { IntervalBarChart, type IntervalPoint } from "@/components/dashboard/interval-bar-chart";
import { TooFewPromptsNote } from "@/components/dashboard/too-few-prompts-note";
import { MIN_BOOTSTRAP_PROMPTS } from "@/lib/stats/bootstrap-settings";
import type { JudgeKind, MeanWinRateWithInterval, StudyWinRateTable } from "@/lib/stats/study-stats-types";

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
        {bootstrap.seed}). A mean whose judgments cover fewer than {MIN_BOOTSTRAP_PROMPTS} prompts has none. The dashed line marks parity
        with {baselineSystem}.
      </p>
      {judgeKinds.map((judgeKind) => (
        <section key={judgeKind.judgeKind} className="space-y-2">
          <h3 className="text-base font-semibold">
            {JUDGE_KIND_LABELS[judgeKind.judgeKind]} ({formatCount(judgeKind.n, "judgment", "judgments")} over {formatCount(judgeKind.promptCount, "prompt", "prompts")})
          </h3>
          <TooFewPromptsNote promptCount={judgeKind.promptCount} />
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
                points: [
                  ...candidate.combinations.map((combination) => toPoint(combination.mean, "criteria")),
                  toPoint(candidate.overall, "combinations"),
                ],
              }))}
            />
          )}
        </section>
      ))}
    </div>
  );
}

/** Turn a mean into a bar, noting how many of its parts had data when some had none. */
function toPoint(mean: MeanWinRateWithInterval, parts: string): IntervalPoint {
  const partial = mean.cellsCovered > 0 && mean.cellsCovered < mean.cellsTotal;
  return { value: mean.winRate, interval: mean.interval, n: mean.n, note: partial ? `mean of ${mean.cellsCovered} of ${mean.cellsTotal} ${parts}` : undefined };
}
