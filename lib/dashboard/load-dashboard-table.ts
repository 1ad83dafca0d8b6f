import { assertRole, type Actor } from "@/lib/auth/assert-role";
import type { DashboardTable, DashboardTableName } from "@/lib/dashboard/dashboard-table";
import type { DashboardView } from "@/lib/dashboard/dashboard-view";
import { getStudyProgress } from "@/lib/dashboard/get-study-progress";
import { toCrowdworkerAgreementTable, toJudgeAgreementTable } from "@/lib/dashboard/to-agreement-tables";
import { toLengthBiasTable, toLengthControlledTable, toPositionBiasTable } from "@/lib/dashboard/to-bias-tables";
import { toProgressTable } from "@/lib/dashboard/to-progress-table";
import { toQualityTable } from "@/lib/dashboard/to-quality-table";
import { toPairwiseTable, toRatingTable } from "@/lib/dashboard/to-rating-tables";
import { toWinRateTable } from "@/lib/dashboard/to-win-rate-table";
import { getCrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";
import { getStudyAgreement } from "@/lib/stats/get-study-agreement";
import { getStudyBias } from "@/lib/stats/get-study-bias";
import { getStudyRatings } from "@/lib/stats/get-study-ratings";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";

/**
 * Load one dashboard table for export through the same loader its widget uses, under the
 * view's filter, tie convention and bootstrap rounds.
 * Throws FORBIDDEN for non-researchers and NOT_FOUND for a missing study.
 */
export async function loadDashboardTable({
  actor,
  studyId,
  table,
  view,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  table: DashboardTableName;
  view: DashboardView;
}): Promise<DashboardTable> {
  assertRole(actor, "RESEARCHER");
  const { filter, convention, rounds } = view;

  switch (table) {
    case "win-rates":
      return toWinRateTable(await getStudyWinRateTable({ actor, studyId, filter, convention, rounds }));
    case "ratings":
      return toRatingTable(await getStudyRatings({ actor, studyId, filter, rounds }));
    case "pairwise":
      return toPairwiseTable(await getStudyRatings({ actor, studyId, filter, rounds }));
    case "crowdworker-agreement":
      return toCrowdworkerAgreementTable(await getStudyAgreement({ actor, studyId, filter }));
    case "judge-agreement":
      return toJudgeAgreementTable(await getStudyAgreement({ actor, studyId, filter }));
    case "position-bias":
      return toPositionBiasTable(await getStudyBias({ actor, studyId, filter, convention }));
    case "length-bias":
      return toLengthBiasTable(await getStudyBias({ actor, studyId, filter, convention }));
    case "length-controlled":
      return toLengthControlledTable(await getStudyBias({ actor, studyId, filter, convention }));
    case "quality":
      return toQualityTable(await getCrowdworkerQuality({ actor, studyId, filter }));
    case "progress":
      return toProgressTable(await getStudyProgress({ actor, studyId, filter }));
  }
}
