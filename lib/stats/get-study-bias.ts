import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_CONFIDENCE } from "@/lib/stats/bootstrap-settings";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { computeFirstShownShare } from "@/lib/stats/compute-first-shown-share";
import { computeLengthBins, DEFAULT_LENGTH_BIN_EDGES } from "@/lib/stats/compute-length-bins";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import { findStudyForStats } from "@/lib/stats/find-study-for-stats";
import { fitLengthControlledWinRate } from "@/lib/stats/fit-length-controlled-win-rate";
import { listIncludedJudgeKinds } from "@/lib/stats/list-included-judge-kinds";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";
import { queryStudyCounts } from "@/lib/stats/query-study-counts";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { CrowdworkerPositionBias, JudgeKind, JudgeKindLengthBias, JudgePositionBias, StudyBias } from "@/lib/stats/study-stats-types";

type PositionRow = { judgeType: JudgeKind; userId: string | null; pseudonym: string | null; judgeVersionId: string | null; judgeName: string | null; judgeVersion: number | null; choseFirst: number; choseSecond: number; ties: number };

/**
 * Per judge kind, verdict counts by candidate and length difference as a comma-separated list
 * of quintuples: candidate index, length difference (candidate minus baseline, in characters),
 * wins, ties and losses.
 */
type LengthRow = { judgeType: JudgeKind; counts: string };

/**
 * Compute position bias (the share of judgments choosing the first-shown response) per
 * crowdworker and per simulated judge version, and, per judge kind, the win rate by bins of
 * response-length difference and each candidate's length-controlled win rate. Lengths are
 * PostgreSQL character counts of the response texts. The length-controlled win rate pools
 * each candidate's judgments over combinations and criteria.
 */
export async function getStudyBias({
  actor,
  studyId,
  filter = DEFAULT_STUDY_STATS_FILTER,
  convention = "tiesAsHalf",
  lengthBinEdges = DEFAULT_LENGTH_BIN_EDGES,
  confidence = DEFAULT_CONFIDENCE,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  convention?: TieConvention;
  lengthBinEdges?: readonly number[];
  confidence?: number;
}): Promise<StudyBias> {
  assertRole(actor, "RESEARCHER");
  const frame = await findStudyForStats(studyId);
  // Group first and look up names after, so the joins touch one row per crowdworker or judge version.
  const positions = await db.$queryRaw<PositionRow[]>(Prisma.sql`
    WITH counts AS (
      SELECT j."judgeType", j."userId", j."judgeVersionId",
        count(*) FILTER (WHERE j."verdict"::text = j."shownFirst"::text)::int AS "choseFirst",
        count(*) FILTER (WHERE j."verdict" <> 'TIE' AND j."verdict"::text <> j."shownFirst"::text)::int AS "choseSecond",
        count(*) FILTER (WHERE j."verdict" = 'TIE')::int AS ties
      FROM "Judgment" j
      WHERE j."studyId" = ${studyId} AND j."studyItemKind" = 'REGULAR' AND ${buildJudgmentFilterSql(studyId, filter)}
      GROUP BY 1, 2, 3
    )
    SELECT counts."judgeType"::text AS "judgeType", counts."userId", u."pseudonym", counts."judgeVersionId", judge."name" AS "judgeName", v."version" AS "judgeVersion",
      counts."choseFirst", counts."choseSecond", counts.ties
    FROM counts
    LEFT JOIN "User" u ON u."id" = counts."userId"
    LEFT JOIN "JudgeVersion" v ON v."id" = counts."judgeVersionId"
    LEFT JOIN "Judge" judge ON judge."id" = v."judgeId"
  `);

  const lengthRows = await queryStudyCounts<LengthRow>(Prisma.sql`
    WITH candidates AS MATERIALIZED (
      SELECT * FROM unnest(${frame.candidates.map((candidate) => candidate.id)}::text[]) WITH ORDINALITY AS candidate(id, position)
    ),
    counts AS (
      SELECT j."judgeType", j."candidateSystemId", j."lengthDifference" AS difference,
        count(*) FILTER (WHERE j."verdict" = 'CANDIDATE')::int AS wins,
        count(*) FILTER (WHERE j."verdict" = 'TIE')::int AS ties,
        count(*) FILTER (WHERE j."verdict" = 'BASELINE')::int AS losses
      FROM "Judgment" j
      WHERE j."studyId" = ${studyId} AND j."studyItemKind" = 'REGULAR' AND ${buildJudgmentFilterSql(studyId, filter)}
      GROUP BY 1, 2, 3
    )
    SELECT counts."judgeType"::text AS "judgeType",
      string_agg(concat_ws(',', candidate.position - 1, counts.difference, counts.wins, counts.ties, counts.losses), ',') AS counts
    FROM counts JOIN candidates candidate ON candidate.id = counts."candidateSystemId"
    GROUP BY 1
  `);

  const crowdworkers: CrowdworkerPositionBias[] = positions
    .filter((row) => row.judgeType === "HUMAN" && row.userId !== null)
    .map((row) => ({ userId: row.userId!, pseudonym: row.pseudonym, ...computeFirstShownShare({ ...row, confidence }) }))
    .sort((left, right) => (left.pseudonym ?? left.userId).localeCompare(right.pseudonym ?? right.userId));
  const judges: JudgePositionBias[] = positions
    .filter((row) => row.judgeType === "SIMULATED" && row.judgeVersionId !== null)
    .map((row) => ({ judgeVersionId: row.judgeVersionId!, judgeName: row.judgeName ?? "", judgeVersion: row.judgeVersion ?? 0, ...computeFirstShownShare({ ...row, confidence }) }))
    .sort((left, right) => left.judgeName.localeCompare(right.judgeName) || left.judgeVersion - right.judgeVersion);

  const length: JudgeKindLengthBias[] = listIncludedJudgeKinds(filter).map((judgeKind) => {
    const values = parseIntegerList(lengthRows.find((row) => row.judgeType === judgeKind)?.counts ?? "");
    return { judgeKind, ...summarizeLengths(values, frame.candidates.map((candidate) => candidate.name), lengthBinEdges, convention, confidence) };
  });

  return { studyId, convention, crowdworkers, judges, length, lengthBinEdges: [...lengthBinEdges], filter };
}

/** Bin all quintuples by length difference, and fit each candidate's length-controlled win rate. */
function summarizeLengths(values: Int32Array, candidateSystems: string[], edges: readonly number[], convention: TieConvention, confidence: number) {
  const groupCount = values.length / 5;
  const column = (offset: number) => Int32Array.from({ length: groupCount }, (_, group) => values[group * 5 + offset]);
  const candidates = column(0);
  const differences = Float64Array.from(column(1));
  const wins = column(2);
  const ties = column(3);
  const losses = column(4);

  const bins = computeLengthBins({ lengthDifferences: differences, wins, ties, losses, edges, convention, confidence });

  const tieOutcome = convention === "tiesAsHalf" ? 0.5 : 0;
  const tieWeight = convention === "tiesExcluded" ? 0 : 1;
  const lengthControlled = candidateSystems.map((candidateSystem, candidate) => {
    const groups = [...candidates.keys()].filter((group) => candidates[group] === candidate);
    // Each group becomes three weighted observations: its wins, its ties and its losses.
    const lengthDifferences = Float64Array.from(groups.flatMap((group) => [differences[group], differences[group], differences[group]]));
    const outcomes = Float64Array.from(groups.flatMap(() => [1, tieOutcome, 0]));
    const weights = Float64Array.from(groups.flatMap((group) => [wins[group], tieWeight * ties[group], losses[group]]));
    return { candidateSystem, ...fitLengthControlledWinRate({ lengthDifferences, outcomes, weights }) };
  });

  return { bins, candidates: lengthControlled };
}
