import { AppError } from "@/lib/errors";
import { computeWilsonInterval } from "@/lib/stats/compute-wilson-interval";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import type { LengthBin } from "@/lib/stats/study-stats-types";

/** Default bin edges of the length difference (candidate minus baseline), in characters. */
export const DEFAULT_LENGTH_BIN_EDGES: readonly number[] = [-1000, -300, -100, -30, 30, 100, 300, 1000];

/**
 * Group verdict counts by the length difference of the compared responses and compute each
 * bin's win rate with its Wilson interval. `edges` must increase strictly; they cut the line
 * into [-infinity, edges[0]), [edges[0], edges[1]), ..., [edges[last], infinity).
 */
export function computeLengthBins({
  lengthDifferences,
  wins,
  ties,
  losses,
  edges,
  convention,
  confidence,
}: {
  lengthDifferences: Float64Array;
  wins: Int32Array;
  ties: Int32Array;
  losses: Int32Array;
  edges: readonly number[];
  convention: TieConvention;
  confidence: number;
}): LengthBin[] {
  assertIncreasing(edges);

  const tallies = Array.from({ length: edges.length + 1 }, () => ({ wins: 0, ties: 0, losses: 0 }));
  for (let index = 0; index < lengthDifferences.length; index += 1) {
    const tally = tallies[binOf(lengthDifferences[index], edges)];
    tally.wins += wins[index];
    tally.ties += ties[index];
    tally.losses += losses[index];
  }

  return tallies.map((tally, bin) => {
    const n = tally.wins + tally.ties + tally.losses;
    const successes = tally.wins + (convention === "tiesAsHalf" ? 0.5 * tally.ties : 0);
    const trials = convention === "tiesExcluded" ? tally.wins + tally.losses : n;
    const winRate = trials === 0 ? null : successes / trials;
    return {
      lower: bin === 0 ? null : edges[bin - 1],
      upper: bin === edges.length ? null : edges[bin],
      ...tally,
      n,
      winRate,
      interval: winRate === null ? null : computeWilsonInterval({ successes, n: trials, confidence }),
    };
  });
}

function binOf(difference: number, edges: readonly number[]): number {
  let bin = 0;
  while (bin < edges.length && difference >= edges[bin]) {
    bin += 1;
  }
  return bin;
}

function assertIncreasing(edges: readonly number[]): void {
  for (let index = 0; index < edges.length; index += 1) {
    if (!Number.isFinite(edges[index]) || (index > 0 && edges[index] <= edges[index - 1])) {
      throw new AppError("INVALID_INPUT", `Length bin edges must be finite and strictly increasing, but got [${edges.join(", ")}]. List them from the most negative difference up.`);
    }
  }
}
