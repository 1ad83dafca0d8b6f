import type { DashboardTable } from "@/lib/dashboard/dashboard-table";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import type { StudyRatings } from "@/lib/stats/study-stats-types";

/** Tie convention of the ratings and the pairwise matrix, whatever the view's: a tie counts as half a win, as in Chatbot Arena. */
const RATING_TIE_CONVENTION: TieConvention = "tiesAsHalf";

/** Flatten Bradley-Terry ratings into one row per system, in ladder order. */
export function toRatingTable(ratings: StudyRatings): DashboardTable {
  return {
    name: "ratings",
    title: "Bradley-Terry ratings",
    columns: ["rank", "system", "is_baseline", "tie_convention", "rating", "interval_lower", "interval_upper", "comparisons", "flag"],
    rows: ratings.systems.map((system, index) => ({
      rank: system.rating === null ? null : index + 1,
      system: system.system,
      is_baseline: system.isBaseline,
      tie_convention: RATING_TIE_CONVENTION,
      rating: system.rating,
      interval_lower: system.interval?.lower ?? null,
      interval_upper: system.interval?.upper ?? null,
      comparisons: system.comparisons,
      flag: system.flag,
    })),
  };
}

/** Flatten the pairwise win matrix into one row per ordered pair of distinct systems; `win_rate` is null for pairs never compared. */
export function toPairwiseTable(ratings: StudyRatings): DashboardTable {
  const { systems, cells } = ratings.matrix;

  return {
    name: "pairwise",
    title: "Pairwise wins (row system against column system, ties as half)",
    columns: ["row_system", "column_system", "tie_convention", "wins", "ties", "losses", "n", "win_rate"],
    rows: systems.flatMap((rowSystem, rowIndex) =>
      systems
        .map((columnSystem, columnIndex) => ({ columnSystem, columnIndex, cell: cells[rowIndex][columnIndex] }))
        .filter(({ columnIndex }) => columnIndex !== rowIndex)
        .map(({ columnSystem, cell }) => ({
          row_system: rowSystem,
          column_system: columnSystem,
          tie_convention: RATING_TIE_CONVENTION,
          wins: cell.wins,
          ties: cell.ties,
          losses: cell.losses,
          n: cell.n,
          win_rate: cell.winRate,
        })),
    ),
  };
}
