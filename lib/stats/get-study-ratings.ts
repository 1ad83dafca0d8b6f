import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { MIN_COMPARISONS_FOR_RATING } from "@/lib/stats/bootstrap-settings";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { computeRatings } from "@/lib/stats/compute-ratings";
import { findStudyForStats } from "@/lib/stats/find-study-for-stats";
import { parseBootstrapSettings } from "@/lib/stats/parse-bootstrap-settings";
import { compactPrompts } from "@/lib/stats/compact-prompts";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";
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
  const [row] = await db.$queryRaw<{ promptCount: number; counts: string | null }[]>(Prisma.sql`
    WITH item_pairs AS MATERIALIZED (
      SELECT si."id",
        (dense_rank() OVER (ORDER BY si."promptId") - 1)::int AS prompt,
        (array_position(${frame.candidates.map((candidate) => candidate.id)}::text[], r."systemId") - 1)::int AS pair
      FROM "StudyItem" si
      JOIN "Response" r ON r."id" = si."candidateResponseId"
      WHERE si."studyId" = ${studyId} AND si."kind" = 'REGULAR'
    ),
    counts AS (
      SELECT ip.prompt, ip.pair,
        count(*) FILTER (WHERE j."verdict" = 'CANDIDATE')::int AS wins,
        count(*) FILTER (WHERE j."verdict" = 'TIE')::int AS ties,
        count(*) FILTER (WHERE j."verdict" = 'BASELINE')::int AS losses
      FROM "Judgment" j
      JOIN item_pairs ip ON ip."id" = j."studyItemId"
      WHERE ip.pair IS NOT NULL AND ${buildJudgmentFilterSql(studyId, filter)}
      GROUP BY ip.prompt, ip.pair
    )
    SELECT (SELECT count(DISTINCT prompt)::int FROM item_pairs) AS "promptCount",
      (SELECT string_agg(concat_ws(',', prompt * ${pairCount} + pair, wins, ties, losses), ',') FROM counts) AS counts
  `);

  const counts = toPromptPairCounts(row.promptCount, pairCount, row.counts ?? "");
  const result = computeRatings({
    systems: systems.map((system) => system.name),
    baselineSystem: frame.baselineSystem.name,
    counts,
    minComparisons,
    ...bootstrap,
  });

  return { studyId, baselineSystem: frame.baselineSystem.name, ...result, minComparisons, bootstrap, filter };
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
