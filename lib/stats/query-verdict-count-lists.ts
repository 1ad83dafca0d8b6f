import { getPool } from "@/lib/db/pool";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { selectExcludedCrowdworkerIds } from "@/lib/stats/crowdworker-id-queries";
import type { StudyStatsFrame } from "@/lib/stats/find-study-for-stats";
import type { WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { JudgeKind } from "@/lib/stats/study-stats-types";
import type { WinRateCountList } from "@/lib/stats/win-rate-count-list";

/** Check whether queryVerdictCountList can apply the filter, because JudgmentVerdictCount stores no crowdworker pool or date. */
export function canQueryVerdictCounts(filter: StudyStatsFilter): boolean {
  return filter.pool === "all" && filter.from === null && filter.to === null;
}

/**
 * Read one judge kind's win-rate counts from "JudgmentVerdictCount", one row per item, criterion
 * and judge, as one count-list text. The judge version filter
 * applies to its rows directly. Judgments of crowdworkers excluded from the study's results
 * are subtracted as negative counts, read through the "Judgment" index on crowdworker and study,
 * so only their own judgments are read. Only filters that canQueryVerdictCounts accepts work here.
 */
export async function queryVerdictCountList(frame: StudyStatsFrame, layout: WinRateLayout, filter: StudyStatsFilter, judgeKind: JudgeKind): Promise<WinRateCountList> {
  const criterionCount = layout.criterionKeys.length;
  const cellsPerCandidate = layout.combinationNames.length * criterionCount;
  const candidateOffsets = toLookupArray(frame.candidates.map((candidate, position) => [candidate.statsKey, position * cellsPerCandidate]));
  const combinationOffsets = toLookupArray(frame.combinations.map((combination, position) => [combination.statsKey, position * criterionCount]));
  const sideCriteria = toLookupArray(
    [...frame.criterionKeyBySideId].map(([sideId, criterionKey]) => [frame.sideStatsKeyById.get(sideId)!, frame.criterionKeys.indexOf(criterionKey)]),
  );

  const judgeConditions: Prisma.Sql[] = [Prisma.sql`c."judgeType" = ${judgeKind}::"JudgeType"`];
  if (filter.judgeVersionId) {
    judgeConditions.push(Prisma.sql`(c."judgeType" = 'HUMAN' OR c."judgeVersionId" = ${filter.judgeVersionId})`);
  }

  const excludedJudgments =
    filter.excludedCrowdworkers === "drop"
      ? Prisma.sql`
        UNION ALL
        SELECT prompt."statsKey", candidate."statsKey", combination."statsKey", side."statsKey",
          -(j."verdict" = 'CANDIDATE')::int, -(j."verdict" = 'TIE')::int, -(j."verdict" = 'BASELINE')::int
        FROM "Judgment" j
        JOIN "Prompt" prompt ON prompt."id" = j."promptId"
        JOIN "System" candidate ON candidate."id" = j."candidateSystemId"
        JOIN "Combination" combination ON combination."id" = j."combinationId"
        JOIN "Side" side ON side."id" = j."criterionSideId"
        WHERE j."userId" IN (${selectExcludedCrowdworkerIds(frame.studyId)})
          AND j."studyId" = ${frame.studyId} AND j."studyItemKind" = 'REGULAR' AND j."judgeType" = ${judgeKind}::"JudgeType"
          AND ${buildJudgmentFilterSql(frame.studyId, { ...filter, excludedCrowdworkers: "keep" })}`
      : Prisma.empty;

  // Array subscripts map keys to cells in constant time, faster than array_position or joins. A
  // key outside the layout gives NULL, sent as cell -1 for toPromptCellCounts to skip, because
  // a WHERE on the cell computed it twice. With no GROUP BY the aggregate needs no sort, so no
  // larger work_mem and no transaction.
  const query = Prisma.sql`
    SELECT string_agg(concat_ws(',', keyed.prompt,
      coalesce((${candidateOffsets}::int[])[keyed.candidate] + (${combinationOffsets}::int[])[keyed.combination] + (${sideCriteria}::int[])[keyed.side], -1),
      keyed.wins, keyed.ties, keyed.losses), ',') AS counts
    FROM (
      SELECT c."promptStatsKey" AS prompt, c."candidateStatsKey" AS candidate, c."combinationStatsKey" AS combination,
        c."sideStatsKey" AS side, c."wins", c."ties", c."losses"
      FROM "JudgmentVerdictCount" c
      WHERE c."studyId" = ${frame.studyId} AND c."studyItemKind" = 'REGULAR' AND ${Prisma.join(judgeConditions, " AND ")}
      ${excludedJudgments}
    ) keyed
  `;
  const { rows } = await getPool().query<{ counts: string | null }>(query.text, query.values);
  return { judgeType: judgeKind, counts: rows[0].counts ?? "" };
}

/** Build a 1-based PostgreSQL int[] that contains each value at the position of its statsKey and NULL elsewhere. */
function toLookupArray(entries: [number, number][]): (number | null)[] {
  const length = Math.max(0, ...entries.map(([key]) => key));
  const array: (number | null)[] = new Array<number | null>(length).fill(null);
  for (const [key, value] of entries) {
    array[key - 1] = value;
  }
  return array;
}
