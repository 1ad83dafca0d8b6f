import type { DashboardTable, TableValue } from "@/lib/dashboard/dashboard-table";
import type { Interval, StudyWinRateTable } from "@/lib/stats/study-stats-types";

/**
 * Flatten a win-rate table into one row per judge kind, candidate, combination and criterion,
 * then one row per combination mean and one overall row per candidate. Cells carry Wilson
 * intervals and means carry prompt-bootstrap intervals, named in `interval_method`.
 */
export function toWinRateTable(table: StudyWinRateTable): DashboardTable {
  const rows: Record<string, TableValue>[] = [];
  const common = { baseline_system: table.baselineSystem, tie_convention: table.convention };

  for (const judgeKind of table.judgeKinds) {
    for (const candidate of judgeKind.candidates) {
      const context = { ...common, judge_kind: judgeKind.judgeKind, candidate_system: candidate.candidateSystem };

      for (const combination of candidate.combinations) {
        for (const cell of combination.cells) {
          rows.push({
            ...context,
            level: "cell",
            combination: combination.combinationName,
            criterion: cell.criterionKey,
            win_rate: cell.winRate,
            ...intervalColumns(cell.interval, "wilson"),
            wins: cell.wins,
            ties: cell.ties,
            losses: cell.losses,
            n: cell.n,
            cells_covered: null,
            cells_total: null,
          });
        }
        rows.push({ ...context, level: "combination mean", combination: combination.combinationName, criterion: null, ...meanColumns(combination.mean) });
      }
      rows.push({ ...context, level: "overall", combination: null, criterion: null, ...meanColumns(candidate.overall) });
    }
  }

  return { name: "win-rates", title: `Win rates against ${table.baselineSystem}`, columns: WIN_RATE_COLUMNS, rows };
}

const WIN_RATE_COLUMNS = [
  "judge_kind",
  "candidate_system",
  "baseline_system",
  "level",
  "combination",
  "criterion",
  "tie_convention",
  "win_rate",
  "interval_lower",
  "interval_upper",
  "interval_method",
  "wins",
  "ties",
  "losses",
  "n",
  "cells_covered",
  "cells_total",
] as const;

function meanColumns(mean: StudyWinRateTable["judgeKinds"][number]["candidates"][number]["overall"]): Record<string, TableValue> {
  return {
    win_rate: mean.winRate,
    ...intervalColumns(mean.interval, "prompt bootstrap"),
    wins: null,
    ties: null,
    losses: null,
    n: mean.n,
    cells_covered: mean.cellsCovered,
    cells_total: mean.cellsTotal,
  };
}

function intervalColumns(interval: Interval | null, method: string): Record<string, TableValue> {
  return {
    interval_lower: interval?.lower ?? null,
    interval_upper: interval?.upper ?? null,
    interval_method: interval ? method : null,
  };
}
