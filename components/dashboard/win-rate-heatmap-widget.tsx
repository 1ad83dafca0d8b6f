import { HeatmapLegend, WinRateHeatmap } from "@/components/dashboard/win-rate-heatmap";
import type { StudyWinRateTable } from "@/lib/stats/study-stats-types";

/** Render heatmaps of combination x criterion win rates, one per candidate, human and simulated judges side by side. */
export async function WinRateHeatmapWidget({ table, criterionNames }: { table: Promise<StudyWinRateTable>; criterionNames: Record<string, string> }) {
  const { judgeKinds, candidateSystems, criterionKeys, baselineSystem } = await table;
  if (candidateSystems.length === 0) {
    return <p className="text-sm text-slate-600">The study has no candidates.</p>;
  }

  return (
    <div className="space-y-6">
      <HeatmapLegend />
      {candidateSystems.map((candidateSystem) => (
        <section key={candidateSystem} className="space-y-2">
          <h3 className="text-base font-semibold">{candidateSystem}</h3>
          <div className="grid gap-4 lg:grid-cols-2">
            {judgeKinds.map((judgeKind) => {
              const candidate = judgeKind.candidates.find((entry) => entry.candidateSystem === candidateSystem);
              return (
                candidate && (
                  <WinRateHeatmap
                    key={judgeKind.judgeKind}
                    judgeKind={judgeKind.judgeKind}
                    candidate={candidate}
                    baselineSystem={baselineSystem}
                    criterionKeys={criterionKeys}
                    criterionNames={criterionNames}
                  />
                )
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
