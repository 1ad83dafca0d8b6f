import Link from "next/link";
import { notFound } from "next/navigation";

import { AgreementWidget } from "@/components/dashboard/agreement-widget";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { DashboardWidget } from "@/components/dashboard/dashboard-widget";
import { ExportLinks } from "@/components/dashboard/export-links";
import { LengthBiasWidget } from "@/components/dashboard/length-bias-widget";
import { PairwiseMatrixWidget } from "@/components/dashboard/pairwise-matrix-widget";
import { PositionBiasWidget } from "@/components/dashboard/position-bias-widget";
import { ProgressWidget } from "@/components/dashboard/progress-widget";
import { QualityWidget } from "@/components/dashboard/quality-widget";
import { RatingLadderWidget } from "@/components/dashboard/rating-ladder-widget";
import { WinRateBarsWidget } from "@/components/dashboard/win-rate-bars-widget";
import { WinRateHeatmapWidget } from "@/components/dashboard/win-rate-heatmap-widget";
import { StudyStatusBadge } from "@/components/studies/study-status-badge";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { parseDashboardView, toDashboardSearchParams } from "@/lib/dashboard/dashboard-view";
import { getStudyProgress } from "@/lib/dashboard/get-study-progress";
import { listStudyJudgeVersions } from "@/lib/dashboard/list-study-judge-versions";
import { getCrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";
import { getStudyAgreement } from "@/lib/stats/get-study-agreement";
import { getStudyBias } from "@/lib/stats/get-study-bias";
import { getStudyRatings } from "@/lib/stats/get-study-ratings";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { getStudyOverview } from "@/lib/studies/get-study-overview";

export const dynamic = "force-dynamic";

export default async function StudyDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ studyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageRole("RESEARCHER");
  const { studyId } = await params;
  const { view, issues } = parseDashboardView(await searchParams);
  const query = toDashboardSearchParams(view).toString();

  const study = await getStudyOverview({ studyId });
  if (!study) {
    notFound();
  }
  const criterionNames = Object.fromEntries(study.criteria.map((dimension) => [dimension.key, dimension.name]));

  // Every aggregate starts now and each widget awaits its own, so the slowest one holds only its card.
  const { filter, convention, rounds } = view;
  const winRates = loading(getStudyWinRateTable({ actor: user, studyId, filter, convention, rounds }));
  const ratings = loading(getStudyRatings({ actor: user, studyId, filter, rounds }));
  const agreement = loading(getStudyAgreement({ actor: user, studyId, filter }));
  const bias = loading(getStudyBias({ actor: user, studyId, filter, convention }));
  const progress = loading(getStudyProgress({ actor: user, studyId, filter }));
  const quality = loading(getCrowdworkerQuality({ actor: user, studyId, filter }));
  const judgeVersions = await listStudyJudgeVersions({ actor: user, studyId });

  const exports = (tables: Parameters<typeof ExportLinks>[0]["tables"]) => <ExportLinks studyId={studyId} tables={tables} query={query} />;

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/studies/${studyId}`} className="text-sm text-indigo-700 underline">
          Study settings and status
        </Link>
        <h1 className="mt-2 flex items-center gap-3 text-2xl font-semibold">
          {study.name} dashboard <StudyStatusBadge status={study.status} />
        </h1>
        <p className="text-sm text-slate-600">
          Candidates {study.candidateNames.join(", ")} against {study.baselineSystem.name}. Only regular items count; gold items and
          attention checks never do.
        </p>
      </div>

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Filters</h2>
        {issues.length > 0 && (
          <div role="alert" className="text-sm text-amber-800" data-testid="filter-issues">
            <p>The dashboard shows the default in place of each invalid value.</p>
            <ul className="list-disc pl-5">
              {issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          </div>
        )}
        <DashboardFilters query={query} judgeVersions={judgeVersions} />
      </Card>

      <DashboardWidget id="progress" title="Progress over time" description="Items crowdworkers submitted and simulated judgments, under the filters." actions={exports([{ name: "progress", label: "Progress" }])}>
        <ProgressWidget progress={progress} />
      </DashboardWidget>

      <DashboardWidget id="win-rate-bars" title="Win rates with intervals">
        <WinRateBarsWidget table={winRates} />
      </DashboardWidget>

      <DashboardWidget
        id="heatmap"
        title="Win rates per combination and criterion"
        description="Hover a cell for its Wilson interval and counts. Grey hatched cells have no judgments."
        actions={exports([{ name: "win-rates", label: "Win rates" }])}
        skeletonRows={8}
      >
        <WinRateHeatmapWidget table={winRates} criterionNames={criterionNames} />
      </DashboardWidget>

      <div className="grid gap-6 lg:grid-cols-2">
        <DashboardWidget id="ladder" title="Bradley-Terry ladder" actions={exports([{ name: "ratings", label: "Ratings" }])}>
          <RatingLadderWidget ratings={ratings} />
        </DashboardWidget>
        <DashboardWidget id="pairwise" title="Pairwise wins" actions={exports([{ name: "pairwise", label: "Pairwise" }])}>
          <PairwiseMatrixWidget ratings={ratings} />
        </DashboardWidget>
      </div>

      <DashboardWidget
        id="agreement"
        title="Agreement"
        actions={exports([
          { name: "crowdworker-agreement", label: "Crowdworkers" },
          { name: "judge-agreement", label: "Simulated judges" },
        ])}
      >
        <AgreementWidget agreement={agreement} criterionNames={criterionNames} />
      </DashboardWidget>

      <div className="grid gap-6 lg:grid-cols-2">
        <DashboardWidget id="position-bias" title="Position bias" actions={exports([{ name: "position-bias", label: "Position bias" }])}>
          <PositionBiasWidget bias={bias} />
        </DashboardWidget>
        <DashboardWidget
          id="length-bias"
          title="Length bias"
          actions={exports([
            { name: "length-bias", label: "By length" },
            { name: "length-controlled", label: "Length-controlled" },
          ])}
        >
          <LengthBiasWidget bias={bias} />
        </DashboardWidget>
      </div>

      <DashboardWidget
        id="quality"
        title="Crowdworker quality"
        description="Crowdworkers of the chosen pool, with their submissions in the chosen dates. Excluded crowdworkers stay listed so their exclusion can be revoked. Judge filters do not apply."
        actions={exports([{ name: "quality", label: "Quality" }])}
      >
        <QualityWidget studyId={studyId} quality={quality} />
      </DashboardWidget>
    </div>
  );
}

/**
 * Mark a started load as handled, so a failure is reported by the widget that awaits it and
 * never as an unhandled rejection when the page fails before that widget renders.
 */
function loading<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
