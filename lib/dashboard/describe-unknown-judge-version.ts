import { db } from "@/lib/db/prisma";
import { STUDY_STATS_FILTER_PARAMS, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";

/** Describe the filter's judge version when no simulated judge version has its id, or return null. */
export async function describeUnknownJudgeVersion(filter: StudyStatsFilter): Promise<string | null> {
  if (!filter.judgeVersionId) {
    return null;
  }

  const version = await db.judgeVersion.findUnique({ where: { id: filter.judgeVersionId }, select: { id: true } });
  if (version) {
    return null;
  }
  return `Invalid ${STUDY_STATS_FILTER_PARAMS.judgeVersionId}=${JSON.stringify(filter.judgeVersionId)}: no simulated judge version has this id. Pick one from the dashboard's "Simulated judge version" list, or leave it out for all versions.`;
}
