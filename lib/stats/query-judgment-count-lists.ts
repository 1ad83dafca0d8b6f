import { Prisma } from "@/lib/generated/prisma/client";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import type { StudyStatsFrame } from "@/lib/stats/find-study-for-stats";
import type { WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import { queryStudyCounts } from "@/lib/stats/query-study-counts";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { WinRateCountList } from "@/lib/stats/win-rate-count-list";

/**
 * Aggregate the filtered judgments in SQL per judge kind, prompt and cell (candidate x
 * combination x criterion), one count-list text per judge kind. The grouping reads only
 * "Judgment", which carries copies of the item's study, kind, prompt, combination and candidate
 * system that a trigger keeps. The groups (about 250,000 for a million judgments) are numbered
 * afterwards from small tables. Any filter works here, but grouping every judgment is slow, so
 * the win-rate table uses queryVerdictCountList where the filter allows.
 */
export async function queryJudgmentCountLists(frame: StudyStatsFrame, layout: WinRateLayout, filter: StudyStatsFilter): Promise<WinRateCountList[]> {
  const criterionCount = layout.criterionKeys.length;
  const cellsPerCandidate = layout.combinationNames.length * criterionCount;
  const sideIds = [...frame.criterionKeyBySideId.keys()];
  const sideCriteria = sideIds.map((sideId) => frame.criterionKeys.indexOf(frame.criterionKeyBySideId.get(sideId)!));

  return queryStudyCounts<WinRateCountList>(Prisma.sql`
    WITH prompts AS MATERIALIZED (
      SELECT p."id", p."statsKey" FROM "Prompt" p
      WHERE p."id" IN (SELECT "promptId" FROM "StudyItem" WHERE "studyId" = ${frame.studyId} AND "kind" = 'REGULAR')
    ),
    candidates AS MATERIALIZED (
      SELECT * FROM unnest(${frame.candidates.map((candidate) => candidate.id)}::text[]) WITH ORDINALITY AS candidate(id, position)
    ),
    combinations AS MATERIALIZED (
      SELECT * FROM unnest(${frame.combinations.map((combination) => combination.id)}::text[]) WITH ORDINALITY AS combination(id, position)
    ),
    side_criteria AS MATERIALIZED (
      SELECT * FROM unnest(${sideIds}::text[], ${sideCriteria}::int[]) AS side(id, criterion)
    ),
    counts AS (
      SELECT j."judgeType", j."promptId", j."candidateSystemId", j."combinationId", j."criterionSideId",
        count(*) FILTER (WHERE j."verdict" = 'CANDIDATE')::int AS wins,
        count(*) FILTER (WHERE j."verdict" = 'TIE')::int AS ties,
        count(*) FILTER (WHERE j."verdict" = 'BASELINE')::int AS losses
      FROM "Judgment" j
      WHERE j."studyId" = ${frame.studyId} AND j."studyItemKind" = 'REGULAR' AND ${buildJudgmentFilterSql(frame.studyId, filter)}
      GROUP BY 1, 2, 3, 4, 5
    ),
    numbered AS (
      SELECT counts."judgeType", p."statsKey" AS prompt,
        ((candidate.position - 1) * ${cellsPerCandidate} + (combination.position - 1) * ${criterionCount} + sc.criterion)::int AS cell,
        counts.wins, counts.ties, counts.losses
      FROM counts
      JOIN prompts p ON p.id = counts."promptId"
      JOIN candidates candidate ON candidate.id = counts."candidateSystemId"
      JOIN combinations combination ON combination.id = counts."combinationId"
      JOIN side_criteria sc ON sc.id = counts."criterionSideId"
    )
    SELECT "judgeType"::text AS "judgeType", string_agg(concat_ws(',', prompt, cell, wins, ties, losses), ',') AS counts
    FROM numbered
    GROUP BY "judgeType"
  `);
}
