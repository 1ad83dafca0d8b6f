import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { Prisma } from "@/lib/generated/prisma/client";
import { MIN_COMPARISONS_FOR_RATING } from "@/lib/stats/bootstrap-settings";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { computeRatings } from "@/lib/stats/compute-ratings";
import { findStudyForStats } from "@/lib/stats/find-study-for-stats";
import { parseBootstrapSettings } from "@/lib/stats/parse-bootstrap-settings";
import { compactPrompts } from "@/lib/stats/compact-prompts";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";
import { queryStudyCounts } from "@/lib/stats/query-study-counts";
import type { PromptPairCounts } from "@/lib/stats/prompt-pair-counts";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyRatings } from "@/lib/stats/study-stats-types";
import { AppError } from "@/lib/errors";

/**
 * Rate all systems of a study (the baseline and the candidates) by Bradley-Terry with ties as
 * half a win, with bootstrap intervals over prompts and the pairwise win matrix. Every
 * judgment the filter keeps counts, so with the default filter human and simulated verdicts
 * are pooled; filter by judge kind to rate by one. Each item compares a candidate with the
 * baseline, so the pairs are candidate-baseline pairs.
 */
export async function getStudyRatings({
  actor,
  studyId,
  filter = DEFAULT_STUDY_STATS_FILTER,
  rounds,
  seed,
  confidence,
  minComparisons = MIN_COMPARISONS_FOR_RATING,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  rounds?: number;
  seed?: number;
  confidence?: number;
  minComparisons?: number;
}): Promise<StudyRatings> {
  assertRole(actor, "RESEARCHER");
  const bootstrap = parseBootstrapSettings({ rounds, seed, confidence });
  if (!Number.isInteger(minComparisons) || minComparisons < 1) {
    throw new AppError("INVALID_INPUT", `The minimum number of comparisons must be a whole number of at least 1, but got ${minComparisons}. The default is ${MIN_COMPARISONS_FOR_RATING}.`);
  }
  const frame = await findStudyForStats(studyId);

  // Systems: the baseline first (index 0), then the candidates by name; pair k is candidate k + 1 against the baseline.
  const systems = [frame.baselineSystem, ...frame.candidates];
  const pairCount = frame.candidates.length;
  const [row] = await queryStudyCounts<{ promptCount: number; counts: string | null }>(Prisma.sql`
    WITH prompts AS MATERIALIZED (
      SELECT "promptId" AS id, (row_number() OVER (ORDER BY "promptId") - 1)::int AS prompt
      FROM (SELECT DISTINCT "promptId" FROM "StudyItem" WHERE "studyId" = ${studyId} AND "kind" = 'REGULAR') study_prompts
    ),
    pairs AS MATERIALIZED (
      SELECT * FROM unnest(${frame.candidates.map((candidate) => candidate.id)}::text[]) WITH ORDINALITY AS candidate(id, position)
    ),
    counts AS (
      SELECT j."promptId", j."candidateSystemId",
        count(*) FILTER (WHERE j."verdict" = 'CANDIDATE')::int AS wins,
        count(*) FILTER (WHERE j."verdict" = 'TIE')::int AS ties,
        count(*) FILTER (WHERE j."verdict" = 'BASELINE')::int AS losses
      FROM "Judgment" j
      WHERE j."studyId" = ${studyId} AND j."studyItemKind" = 'REGULAR' AND ${buildJudgmentFilterSql(studyId, filter)}
      GROUP BY 1, 2
    )
    SELECT (SELECT count(*)::int FROM prompts) AS "promptCount",
      (SELECT string_agg(concat_ws(',', p.prompt * ${pairCount} + pair.position - 1, counts.wins, counts.ties, counts.losses), ',')
        FROM counts
        JOIN prompts p ON p.id = counts."promptId"
        JOIN pairs pair ON pair.id = counts."candidateSystemId") AS counts
  `);

  const counts = toPromptPairCounts(row.promptCount, pairCount, row.counts ?? "");
  const result = computeRatings({
    systems: systems.map((system) => system.name),
    baselineSystem: frame.baselineSystem.name,
    counts,
    minComparisons,
    ...bootstrap,
  });

  return { studyId, baselineSystem: frame.baselineSystem.name, ...result, minComparisons, promptCount: counts.promptCount, bootstrap, filter };
}

/** Copy the count list into per-prompt pair counts, leaving out prompts without judgments so the bootstrap resamples only prompts with data. */
function toPromptPairCounts(studyPromptCount: number, pairCount: number, list: string): PromptPairCounts {
  const values = parseIntegerList(list);
  const { promptIndex, promptCount } = compactPrompts(values, pairCount, studyPromptCount);

  const size = promptCount * pairCount;
  const counts: PromptPairCounts = {
    promptCount,
    pairCount,
    firstOfPair: Int32Array.from({ length: pairCount }, (_, pair) => pair + 1),
    secondOfPair: new Int32Array(pairCount),
    firstWins: new Int32Array(size),
    ties: new Int32Array(size),
    secondWins: new Int32Array(size),
  };
  for (let offset = 0; offset < values.length; offset += 4) {
    const index = promptIndex[Math.floor(values[offset] / pairCount)] * pairCount + (values[offset] % pairCount);
    counts.firstWins[index] += values[offset + 1];
    counts.ties[index] += values[offset + 2];
    counts.secondWins[index] += values[offset + 3];
  }
  return counts;
}
