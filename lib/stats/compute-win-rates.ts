import type { Verdict } from "@/lib/generated/prisma/enums";

/**
 * Rule for counting ties in a win rate:
 * - tiesAsHalf: (wins + 0.5 ties) / n, as in AlpacaEval and AlpacaFarm (the default);
 * - tiesExcluded: wins / (wins + losses);
 * - strict: wins / n.
 */
export type TieConvention = "tiesAsHalf" | "tiesExcluded" | "strict";

export const TIE_CONVENTIONS: readonly TieConvention[] = ["tiesAsHalf", "tiesExcluded", "strict"];

/** One stored verdict, named by the candidate system, the combination and the criterion's dimension key. */
export type VerdictRow = { candidateSystem: string; combinationName: string; criterionKey: string; verdict: Verdict };

/** Judgments behind one combination x criterion pair; `winRate` is null when they define no rate. */
export type WinRateCell = { criterionKey: string; winRate: number | null; wins: number; ties: number; losses: number; n: number };

/** Mean of the cells that have a win rate; `cellsCovered` of `cellsTotal` cells contributed. */
export type MeanWinRate = { winRate: number | null; cellsCovered: number; cellsTotal: number };

export type CombinationWinRates = { combinationName: string; cells: WinRateCell[]; mean: MeanWinRate };

export type CandidateWinRates = { candidateSystem: string; combinations: CombinationWinRates[]; overall: MeanWinRate };

export type WinRateReport = { convention: TieConvention; criterionKeys: string[]; candidates: CandidateWinRates[] };

/**
 * Compute each candidate's win rate against the baseline per combination and criterion, the
 * combination means over criteria, and the overall mean over combinations (the headline).
 * Candidates, combinations and criteria listed in the options come first and get cells even
 * without verdicts. Any others found in `rows` follow in order of first appearance.
 */
export function computeWinRates({
  rows,
  convention = "tiesAsHalf",
  candidateSystems = [],
  combinationNames = [],
  criterionKeys = [],
}: {
  rows: readonly VerdictRow[];
  convention?: TieConvention;
  candidateSystems?: readonly string[];
  combinationNames?: readonly string[];
  criterionKeys?: readonly string[];
}): WinRateReport {
  const candidates = withFound(candidateSystems, rows.map((row) => row.candidateSystem));
  const combinations = withFound(combinationNames, rows.map((row) => row.combinationName));
  const criteria = withFound(criterionKeys, rows.map((row) => row.criterionKey));

  const tallies = new Map<string, { wins: number; ties: number; losses: number }>();
  for (const row of rows) {
    const key = cellKey(row.candidateSystem, row.combinationName, row.criterionKey);
    const tally = tallies.get(key) ?? { wins: 0, ties: 0, losses: 0 };
    if (row.verdict === "CANDIDATE") {
      tally.wins += 1;
    } else if (row.verdict === "TIE") {
      tally.ties += 1;
    } else {
      tally.losses += 1;
    }
    tallies.set(key, tally);
  }

  return {
    convention,
    criterionKeys: criteria,
    candidates: candidates.map((candidateSystem) => {
      const perCombination = combinations.map((combinationName) => {
        const cells = criteria.map((criterionKey) => {
          const tally = tallies.get(cellKey(candidateSystem, combinationName, criterionKey)) ?? { wins: 0, ties: 0, losses: 0 };
          const n = tally.wins + tally.ties + tally.losses;
          return { criterionKey, ...tally, n, winRate: winRate(tally, n, convention) };
        });
        return { combinationName, cells, mean: meanOf(cells.map((cell) => cell.winRate)) };
      });
      return { candidateSystem, combinations: perCombination, overall: meanOf(perCombination.map((combination) => combination.mean.winRate)) };
    }),
  };
}

function winRate(tally: { wins: number; ties: number; losses: number }, n: number, convention: TieConvention): number | null {
  if (convention === "tiesExcluded") {
    const decided = tally.wins + tally.losses;
    return decided === 0 ? null : tally.wins / decided;
  }
  if (n === 0) {
    return null;
  }
  return convention === "strict" ? tally.wins / n : (tally.wins + 0.5 * tally.ties) / n;
}

function meanOf(rates: (number | null)[]): MeanWinRate {
  const present = rates.filter((rate): rate is number => rate !== null);
  const winRate = present.length === 0 ? null : present.reduce((sum, rate) => sum + rate, 0) / present.length;
  return { winRate, cellsCovered: present.length, cellsTotal: rates.length };
}

function withFound(listed: readonly string[], found: readonly string[]): string[] {
  return [...new Set([...listed, ...found])];
}

function cellKey(candidateSystem: string, combinationName: string, criterionKey: string): string {
  return JSON.stringify([candidateSystem, combinationName, criterionKey]);
}
