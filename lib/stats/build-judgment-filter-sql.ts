import { Prisma } from "@/lib/generated/prisma/client";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";

/**
 * Build the WHERE condition that narrows a study's judgments by the filter, for a query that
 * names "Judgment" as j. The query itself must keep only judgments on the study's REGULAR
 * items. Instants compare in UTC, the time zone Prisma stores DateTime in.
 */
export function buildJudgmentFilterSql(studyId: string, filter: StudyStatsFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];

  if (filter.judgeKind === "human") {
    conditions.push(Prisma.sql`j."judgeType" = 'HUMAN'`);
  } else if (filter.judgeKind === "simulated") {
    conditions.push(Prisma.sql`j."judgeType" = 'SIMULATED'`);
  }

  if (filter.judgeVersionId) {
    conditions.push(Prisma.sql`(j."judgeType" = 'HUMAN' OR j."judgeVersionId" = ${filter.judgeVersionId})`);
  }

  if (filter.pool !== "all") {
    const fromProlific = Prisma.sql`EXISTS (
      SELECT 1 FROM "StudyParticipation" sp
      WHERE sp."studyId" = ${studyId} AND sp."userId" = j."userId" AND sp."prolificStudyId" IS NOT NULL
    )`;
    conditions.push(filter.pool === "prolific" ? Prisma.sql`(j."judgeType" <> 'HUMAN' OR ${fromProlific})` : Prisma.sql`(j."judgeType" <> 'HUMAN' OR NOT ${fromProlific})`);
  }

  if (filter.from) {
    conditions.push(Prisma.sql`j."createdAt" >= (${filter.from.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filter.to) {
    conditions.push(Prisma.sql`j."createdAt" < (${filter.to.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  }

  if (filter.excludedCrowdworkers === "drop") {
    conditions.push(Prisma.sql`(j."userId" IS NULL OR NOT EXISTS (
      SELECT 1 FROM "CrowdworkerExclusion" ce
      WHERE ce."studyId" = ${studyId} AND ce."userId" = j."userId" AND ce."revokedAt" IS NULL
    ))`);
  }

  return Prisma.join(conditions, " AND ");
}
