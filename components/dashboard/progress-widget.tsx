import { ProgressChart } from "@/components/dashboard/progress-chart";
import type { StudyProgress } from "@/lib/dashboard/get-study-progress";

/** Render the totals and the progress over time of a study under the filters. */
export async function ProgressWidget({ progress }: { progress: Promise<StudyProgress> }) {
  const { humanItemsDone, humanItemsTarget, simulatedJudgments, slots } = await progress;
  const percent = humanItemsTarget === 0 ? "no data" : `${((humanItemsDone / humanItemsTarget) * 100).toFixed(1)}%`;

  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Items judged by crowdworkers / target</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid="dashboard-progress-items">
            {humanItemsDone} / {humanItemsTarget} ({percent})
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Simulated judgments</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid="dashboard-progress-simulated">
            {simulatedJudgments}
          </dd>
        </div>
      </dl>
      <ProgressChart slots={slots} humanItemsTarget={humanItemsTarget} />
    </div>
  );
}
