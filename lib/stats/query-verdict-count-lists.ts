import { Prisma } from "@/lib/generated/prisma/client";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import type { StudyStatsFrame } from "@/lib/stats/find-study-for-stats";
import type { WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import { queryStudyCounts } from "@/lib/stats/query-study-counts";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { WinRateCountList } from "@/lib/stats/win-rate-count-list";

/** Whether queryVerdictCountLists can apply the filter: JudgmentVerdictCount has no crowdworker pool or date. */
export function canQueryVerdictCounts(filter: StudyStatsFilter): boolean {
  return filter.pool === "all" && filter.from === null && filter.to === null;
}

/**
 * Read the win-rate counts from "JudgmentVerdictCount", one row per item, criterion and judge
 * (about a quarter of the judgments), one count-list text per judge kind. Judge kind and judge
 * version filter its rows directly. Judgments of crowdworkers excluded from the study's results
 * are subtracted as negative counts, read through the "Judgment" index on crowdworker and study,
 * so only their own judgments are read. Only filters that canQueryVerdictCounts accepts work here.
 */
export async function queryVerdictCountLists(frame: StudyStatsFrame, layout: WinRateLayout, filter: StudyStatsFilter): Promise<WinRateCountList[]> {
  const criterionCount = layout.criterionKeys.length;
  const cellsPerCandidate = layout.combinationNames.length * criterionCount;
  const candidateKeys = frame.candidates.map((candidate) => candidate.statsKey);
  const combinationKeys = frame.combinations.map((combination) => combination.statsKey);
  const sideIds = [...frame.criterionKeyBySideId.keys()];
  const sideKeys = sideIds.map((sideId) => frame.sideStatsKeyById.get(sideId)!);
  const sideCriteria = sideIds.map((sideId) => frame.criterionKeys.indexOf(frame.criterionKeyBySideId.get(sideId)!));

  const judgeConditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.judgeKind === "human") {
    judgeConditions.push(Prisma.sql`c."judgeType" = 'HUMAN'`);
  } else if (filter.judgeKind === "simulated") {
    judgeConditions.push(Prisma.sql`c."judgeType" = 'SIMULATED'`);
  }
  if (filter.judgeVersionId) {
    judgeConditions.push(Prisma.sql`(c."judgeType" = 'HUMAN' OR c."judgeVersionId" = ${filter.judgeVersionId})`);
  }

  const excludedJudgments =
    filter.excludedCrowdworkers === "drop"
      ? Prisma.sql`
        UNION ALL
        SELECT j."judgeType", prompt."statsKey", candidate."statsKey", combination."statsKey", side."statsKey",
          -(j."verdict" = 'CANDIDATE')::int, -(j."verdict" = 'TIE')::int, -(j."verdict" = 'BASELINE')::int
        FROM "Judgment" j
        JOIN "Prompt" prompt ON prompt."id" = j."promptId"
        JOIN "System" candidate ON candidate."id" = j."candidateSystemId"
        JOIN "Combination" combination ON combination."id" = j."combinationId"
        JOIN "Side" side ON side."id" = j."criterionSideId"
        WHERE j."userId" IN (
            SELECT ce."userId" FROM "CrowdworkerExclusion" ce WHERE ce."studyId" = ${frame.studyId} AND ce."revokedAt" IS NULL
          )
          AND j."studyId" = ${frame.studyId} AND j."studyItemKind" = 'REGULAR'
          AND ${buildJudgmentFilterSql(frame.studyId, { ...filter, excludedCrowdworkers: "keep" })}`
      : Prisma.empty;

  return queryStudyCounts<WinRateCountList>(Prisma.sql`
    SELECT counts."judgeType"::text AS "judgeType",
      string_agg(concat_ws(',', counts.prompt,
        (array_position(${candidateKeys}::int[], counts.candidate) - 1) * ${cellsPerCandidate}
          + (array_position(${combinationKeys}::int[], counts.combination) - 1) * ${criterionCount}
          + (${sideCriteria}::int[])[array_position(${sideKeys}::int[], counts.side)],
        counts.wins, counts.ties, counts.losses), ',') AS counts
    FROM (
      SELECT c."judgeType", c."promptStatsKey" AS prompt, c."candidateStatsKey" AS candidate, c."combinationStatsKey" AS combination,
        c."sideStatsKey" AS side, c."wins", c."ties", c."losses"
      FROM "JudgmentVerdictCount" c
      WHERE c."studyId" = ${frame.studyId} AND c."studyItemKind" = 'REGULAR' AND ${Prisma.join(judgeConditions, " AND ")}
      ${excludedJudgments}
    ) counts
    WHERE counts.candidate = ANY(${candidateKeys}::int[]) AND counts.combination = ANY(${combinationKeys}::int[]) AND counts.side = ANY(${sideKeys}::int[])
    GROUP BY 1
  `);
}
