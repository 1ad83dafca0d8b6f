import type { DashboardTable, TableValue } from "@/lib/dashboard/dashboard-table";
import type { FirstShownShare, StudyBias } from "@/lib/stats/study-stats-types";

/** Flatten position bias into one row per crowdworker (by pseudonym), then one per simulated judge version. */
export function toPositionBiasTable(bias: StudyBias): DashboardTable {
  return {
    name: "position-bias",
    title: "Share of judgments choosing the first-shown response",
    columns: ["judge_kind", "judge", "judge_version_id", "chose_first_share", "interval_lower", "interval_upper", "chose_first", "chose_second", "ties", "n"],
    rows: [
      ...bias.crowdworkers.map((crowdworker) => ({
        judge_kind: "HUMAN",
        judge: crowdworker.pseudonym ?? crowdworker.userId,
        judge_version_id: null,
        ...shareColumns(crowdworker),
      })),
      ...bias.judges.map((judge) => ({
        judge_kind: "SIMULATED",
        judge: `${judge.judgeName} v${judge.judgeVersion}`,
        judge_version_id: judge.judgeVersionId,
        ...shareColumns(judge),
      })),
    ],
  };
}

/** Flatten win rate by response-length difference into one row per judge kind and length bin. */
export function toLengthBiasTable(bias: StudyBias): DashboardTable {
  return {
    name: "length-bias",
    title: "Win rate by response-length difference (candidate minus baseline, characters)",
    columns: ["judge_kind", "length_difference_from", "length_difference_below", "tie_convention", "win_rate", "interval_lower", "interval_upper", "wins", "ties", "losses", "n"],
    rows: bias.length.flatMap(({ judgeKind, bins }) =>
      bins.map((bin) => ({
        judge_kind: judgeKind,
        length_difference_from: bin.lower,
        length_difference_below: bin.upper,
        tie_convention: bias.convention,
        win_rate: bin.winRate,
        interval_lower: bin.interval?.lower ?? null,
        interval_upper: bin.interval?.upper ?? null,
        wins: bin.wins,
        ties: bin.ties,
        losses: bin.losses,
        n: bin.n,
      })),
    ),
  };
}

/** Flatten the length-controlled win rates into one row per judge kind and candidate. */
export function toLengthControlledTable(bias: StudyBias): DashboardTable {
  return {
    name: "length-controlled",
    title: "Length-controlled win rates (logistic regression on the length difference)",
    columns: ["judge_kind", "candidate_system", "tie_convention", "win_rate", "length_controlled_win_rate", "length_coefficient", "n"],
    rows: bias.length.flatMap(({ judgeKind, candidates }) =>
      candidates.map((candidate) => ({
        judge_kind: judgeKind,
        candidate_system: candidate.candidateSystem,
        tie_convention: bias.convention,
        win_rate: candidate.winRate,
        length_controlled_win_rate: candidate.lengthControlledWinRate,
        length_coefficient: candidate.lengthCoefficient,
        n: candidate.n,
      })),
    ),
  };
}

function shareColumns(share: FirstShownShare): Record<string, TableValue> {
  return {
    chose_first_share: share.share,
    interval_lower: share.interval?.lower ?? null,
    interval_upper: share.interval?.upper ?? null,
    chose_first: share.choseFirst,
    chose_second: share.choseSecond,
    ties: share.ties,
    n: share.n,
  };
}
