import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { computeWinRateTable } from "@/lib/stats/compute-win-rate-table";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import { findStudyForStats, type StudyStatsFrame } from "@/lib/stats/find-study-for-stats";
import { parseBootstrapSettings } from "@/lib/stats/parse-bootstrap-settings";
import { compactPrompts } from "@/lib/stats/compact-prompts";
import { listIncludedJudgeKinds } from "@/lib/stats/list-included-judge-kinds";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";
import { queryStudyCounts } from "@/lib/stats/query-study-counts";
import { createPromptCellCounts, type PromptCellCounts, type WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { JudgeKind, StudyWinRateTable } from "@/lib/stats/study-stats-types";

/**
 * Verdict counts of one judge kind as a comma-separated list of quadruples: the position of
 * the count in PromptCellCounts (prompt x cellCount + cell), then wins, ties and losses.
 */
type CountList = { judgeType: JudgeKind; counts: string };

/**
 * Compute a study's win-rate table for each judge kind the filter includes: every cell with
 * its n and Wilson interval, and bootstrap intervals for combination means and the overall mean.
 * The counts are aggregated in SQL per prompt, combination, criterion, candidate and verdict,
 * so the bootstrap works on per-prompt count vectors rather than on single judgments.
 * NOTE: on a shared 2-core machine a million judgments still took 1.9-2.9 s, over the 300 ms
 * target (docs/statistics.md), so a page should load this table on its own.
 */
export async function getStudyWinRateTable({
  actor,
  studyId,
  filter = DEFAULT_STUDY_STATS_FILTER,
  convention = "tiesAsHalf",
  rounds,
  seed,
  confidence,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  convention?: TieConvention;
  rounds?: number;
  seed?: number;
  confidence?: number;
}): Promise<StudyWinRateTable> {
  assertRole(actor, "RESEARCHER");
  const bootstrap = parseBootstrapSettings({ rounds, seed, confidence });
  const frame = await findStudyForStats(studyId);

  const layout: WinRateLayout = {
    candidateSystems: frame.candidates.map((candidate) => candidate.name),
    combinationNames: frame.combinations.map((combination) => combination.name),
    criterionKeys: frame.criterionKeys,
  };
  const promptCount = await countStudyPrompts(studyId);
  const lists = await loadCountLists(frame, layout, filter);

  const judgeKinds = listIncludedJudgeKinds(filter).map((judgeKind) => {
    const counts = toPromptCellCounts(layout, promptCount, lists.find((entry) => entry.judgeType === judgeKind));
    return { judgeKind, ...computeWinRateTable({ counts, layout, convention, ...bootstrap }) };
  });

  return {
    studyId,
    baselineSystem: frame.baselineSystem.name,
    convention,
    candidateSystems: [...layout.candidateSystems],
    combinationNames: [...layout.combinationNames],
    criterionKeys: [...layout.criterionKeys],
    judgeKinds,
    bootstrap,
    filter,
  };
}

/** Count the prompts that have REGULAR items in the study, which the SQL below numbers 0, 1, ... in id order. */
async function countStudyPrompts(studyId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>(Prisma.sql`
    SELECT count(DISTINCT "promptId")::int AS count FROM "StudyItem" WHERE "studyId" = ${studyId} AND "kind" = 'REGULAR'
  `);
  return row.count;
}

/**
 * Aggregate the verdicts in SQL per judge kind, prompt and cell (candidate x combination x
 * criterion). The grouping reads only "Judgment", which carries copies of the item's study,
 * kind, prompt, combination and candidate system that a trigger keeps. The groups (about
 * 250,000 for a million judgments) are numbered afterwards from small tables. Each judge kind
 * comes back as one text value rather than as a row per cell.
 */
async function loadCountLists(frame: StudyStatsFrame, layout: WinRateLayout, filter: StudyStatsFilter): Promise<CountList[]> {
  const criterionCount = layout.criterionKeys.length;
  const cellsPerCandidate = layout.combinationNames.length * criterionCount;
  const cellCount = layout.candidateSystems.length * cellsPerCandidate;
  const sideIds = [...frame.criterionKeyBySideId.keys()];
  const sideCriteria = sideIds.map((sideId) => frame.criterionKeys.indexOf(frame.criterionKeyBySideId.get(sideId)!));

  return queryStudyCounts<CountList>(Prisma.sql`
    WITH prompts AS MATERIALIZED (
      SELECT "promptId" AS id, (row_number() OVER (ORDER BY "promptId") - 1)::int AS prompt
      FROM (SELECT DISTINCT "promptId" FROM "StudyItem" WHERE "studyId" = ${frame.studyId} AND "kind" = 'REGULAR') study_prompts
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
      SELECT counts."judgeType", p.prompt,
        ((candidate.position - 1) * ${cellsPerCandidate} + (combination.position - 1) * ${criterionCount} + sc.criterion)::int AS cell,
        counts.wins, counts.ties, counts.losses
      FROM counts
      JOIN prompts p ON p.id = counts."promptId"
      JOIN candidates candidate ON candidate.id = counts."candidateSystemId"
      JOIN combinations combination ON combination.id = counts."combinationId"
      JOIN side_criteria sc ON sc.id = counts."criterionSideId"
    )
    SELECT "judgeType"::text AS "judgeType", string_agg(concat_ws(',', prompt * ${cellCount} + cell, wins, ties, losses), ',') AS counts
    FROM numbered
    GROUP BY "judgeType"
  `);
}

/**
 * Copy one judge kind's count list into per-prompt count vectors. Prompts without a judgment
 * of this kind are left out, so the bootstrap resamples only prompts that have data.
 */
function toPromptCellCounts(layout: WinRateLayout, studyPromptCount: number, list: CountList | undefined): PromptCellCounts {
  const values = parseIntegerList(list?.counts ?? "");
  const cellCount = layout.candidateSystems.length * layout.combinationNames.length * layout.criterionKeys.length;
  const { promptIndex, promptCount } = compactPrompts(values, cellCount, studyPromptCount);

  const counts = createPromptCellCounts(layout, promptCount);
  for (let offset = 0; offset < values.length; offset += 4) {
    const index = promptIndex[Math.floor(values[offset] / cellCount)] * cellCount + (values[offset] % cellCount);
    counts.wins[index] += values[offset + 1];
    counts.ties[index] += values[offset + 2];
    counts.losses[index] += values[offset + 3];
  }
  return counts;
}
