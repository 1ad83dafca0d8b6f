import type { DashboardTable } from "@/lib/dashboard/dashboard-table";
import type { CrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";

/** Flatten the crowdworker quality table into one row per crowdworker; shares are fractions with their counts. */
export function toQualityTable(rows: readonly CrowdworkerQuality[]): DashboardTable {
  return {
    name: "quality",
    title: "Crowdworker quality",
    columns: [
      "pseudonym",
      "prolific_id",
      "items_judged",
      "median_seconds",
      "too_fast",
      "attention_passed",
      "attention_failed",
      "gold_agreement",
      "gold_answers",
      "majority_agreement",
      "majority_compared",
      "chose_first_share",
      "regular_judgments",
      "failed_checks",
      "status",
      "excluded_at",
      "exclusion_reason",
    ],
    rows: rows.map((row) => ({
      pseudonym: row.pseudonym,
      prolific_id: row.prolificId,
      items_judged: row.itemsJudged,
      median_seconds: row.medianSeconds,
      too_fast: row.tooFastCount,
      attention_passed: row.attentionPassed,
      attention_failed: row.attentionFailed,
      gold_agreement: row.goldAgreement.rate,
      gold_answers: row.goldAgreement.total,
      majority_agreement: row.majorityAgreement.rate,
      majority_compared: row.majorityAgreement.total,
      chose_first_share: row.firstShownShare.rate,
      regular_judgments: row.firstShownShare.total,
      failed_checks: row.failedChecks,
      status: row.status,
      excluded_at: row.exclusion?.excludedAt.toISOString() ?? null,
      exclusion_reason: row.exclusion?.reason ?? null,
    })),
  };
}
