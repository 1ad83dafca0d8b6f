import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { JudgeKind } from "@/lib/stats/study-stats-types";

/** Return the judge kinds a filter includes, human first. */
export function listIncludedJudgeKinds(filter: StudyStatsFilter): JudgeKind[] {
  if (filter.judgeKind === "human") {
    return ["HUMAN"];
  }
  if (filter.judgeKind === "simulated") {
    return ["SIMULATED"];
  }
  return ["HUMAN", "SIMULATED"];
}
