import type { DashboardTable } from "@/lib/dashboard/dashboard-table";
import type { StudyAgreement } from "@/lib/stats/study-stats-types";

/** Flatten agreement between crowdworkers into one row per criterion. */
export function toCrowdworkerAgreementTable(agreement: StudyAgreement): DashboardTable {
  return {
    name: "crowdworker-agreement",
    title: "Agreement between crowdworkers",
    columns: ["criterion", "fleiss_kappa", "krippendorff_alpha", "pairwise_agreement", "units", "ratings", "raters"],
    rows: agreement.criteria.map(({ criterionKey, crowdworkers }) => ({
      criterion: criterionKey,
      fleiss_kappa: crowdworkers.fleissKappa,
      krippendorff_alpha: crowdworkers.krippendorffAlpha,
      pairwise_agreement: crowdworkers.pairwiseAgreement,
      units: crowdworkers.units,
      ratings: crowdworkers.ratings,
      raters: crowdworkers.raters,
    })),
  };
}

/** Flatten agreement of each simulated judge version with the human majority into one row per criterion and version. */
export function toJudgeAgreementTable(agreement: StudyAgreement): DashboardTable {
  return {
    name: "judge-agreement",
    title: "Agreement of simulated judges with the human majority",
    columns: ["criterion", "judge", "judge_version", "judge_version_id", "percent_agreement", "cohen_kappa", "n", "units_without_majority"],
    rows: agreement.criteria.flatMap(({ criterionKey, judges }) =>
      judges.map((judge) => ({
        criterion: criterionKey,
        judge: judge.judgeName,
        judge_version: judge.judgeVersion,
        judge_version_id: judge.judgeVersionId,
        percent_agreement: judge.percentAgreement,
        cohen_kappa: judge.cohenKappa,
        n: judge.n,
        units_without_majority: judge.unitsWithoutMajority,
      })),
    ),
  };
}
