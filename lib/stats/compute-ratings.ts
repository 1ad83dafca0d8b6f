import { MIN_BOOTSTRAP_PROMPTS } from "@/lib/stats/bootstrap-settings";
import { computePercentileInterval } from "@/lib/stats/compute-percentile-interval";
import { createSeededRandom } from "@/lib/stats/create-seeded-random";
import { drawPromptResample } from "@/lib/stats/draw-prompt-resample";
import { fitBradleyTerry } from "@/lib/stats/fit-bradley-terry";
import type { PromptPairCounts } from "@/lib/stats/prompt-pair-counts";
import type { PairwiseWinMatrix, RatedSystem, RatingFlag } from "@/lib/stats/study-stats-types";

/** Elo-scale points per natural-log unit of strength: 400 points is a factor of 10 in odds. */
const POINTS_PER_LOG_STRENGTH = 400 / Math.LN10;
const MEAN_RATING = 1000;

/**
 * Rate systems by Bradley-Terry maximum likelihood with ties as half a win for each side, as
 * Chatbot Arena computes its ratings, on the Elo scale with the mean rating at 1000. Intervals
 * come from a bootstrap that resamples prompts and refits. A system is flagged, and gets no
 * rating, when it has fewer than `minComparisons` judgments. It is also flagged when its wins
 * do not connect it both ways with the largest group of rated systems (a system that never
 * lost, for example), because its maximum-likelihood rating would then be infinite.
 * A bootstrap round in which the rated systems are not connected both ways is skipped. Ratings
 * get no interval with fewer than MIN_BOOTSTRAP_PROMPTS prompts.
 */
export function computeRatings({
  systems,
  baselineSystem,
  counts,
  rounds,
  seed,
  confidence,
  minComparisons,
}: {
  systems: readonly string[];
  baselineSystem: string;
  counts: PromptPairCounts;
  rounds: number;
  seed: number;
  confidence: number;
  minComparisons: number;
}): { systems: RatedSystem[]; matrix: PairwiseWinMatrix } {
  const totals = sumPairs(counts, null);
  const matrix = toMatrix(systems, counts);
  const { active, flags, comparisons } = chooseRatedSystems(systems, baselineSystem, counts, totals, minComparisons);

  const point = fitBradleyTerry({ systemCount: systems.length, firstOfPair: counts.firstOfPair, secondOfPair: counts.secondOfPair, firstScores: totals.firstScores, totals: totals.totals, active });
  const replicates = bootstrapRatings({ systems, counts, active, point, rounds, seed });

  const rated = systems.map((system, index): RatedSystem => {
    const isActive = active[index] === 1;
    return {
      system,
      isBaseline: system === baselineSystem,
      comparisons: comparisons[index],
      rating: isActive ? toRating(point[index]) : null,
      interval: isActive ? computePercentileInterval(replicates.subarray(index * rounds, (index + 1) * rounds), confidence) : null,
      flag: flags[index],
    };
  });
  rated.sort((left, right) => {
    if (left.rating !== null && right.rating !== null) {
      return right.rating - left.rating;
    }
    if (left.rating !== null || right.rating !== null) {
      return left.rating === null ? 1 : -1;
    }
    return left.system.localeCompare(right.system);
  });
  return { systems: rated, matrix };
}

function toRating(logStrength: number): number {
  return MEAN_RATING + POINTS_PER_LOG_STRENGTH * logStrength;
}

/** Sum each pair's score (first system's wins plus half the ties) and judgments over prompts, each prompt weighted by `multiplicities` when given. */
function sumPairs(counts: PromptPairCounts, multiplicities: Int32Array | null, into?: { firstScores: Float64Array; totals: Float64Array }) {
  const sums = into ?? { firstScores: new Float64Array(counts.pairCount), totals: new Float64Array(counts.pairCount) };
  sums.firstScores.fill(0);
  sums.totals.fill(0);
  for (let prompt = 0; prompt < counts.promptCount; prompt += 1) {
    const weight = multiplicities ? multiplicities[prompt] : 1;
    if (weight === 0) {
      continue;
    }
    for (let pair = 0; pair < counts.pairCount; pair += 1) {
      const index = prompt * counts.pairCount + pair;
      sums.firstScores[pair] += weight * (counts.firstWins[index] + 0.5 * counts.ties[index]);
      sums.totals[pair] += weight * (counts.firstWins[index] + counts.ties[index] + counts.secondWins[index]);
    }
  }
  return sums;
}

function toMatrix(systems: readonly string[], counts: PromptPairCounts): PairwiseWinMatrix {
  const cells = systems.map(() => systems.map(() => ({ wins: 0, ties: 0, losses: 0, n: 0, winRate: null as number | null })));
  for (let prompt = 0; prompt < counts.promptCount; prompt += 1) {
    for (let pair = 0; pair < counts.pairCount; pair += 1) {
      const index = prompt * counts.pairCount + pair;
      const forward = cells[counts.firstOfPair[pair]][counts.secondOfPair[pair]];
      const backward = cells[counts.secondOfPair[pair]][counts.firstOfPair[pair]];
      forward.wins += counts.firstWins[index];
      forward.ties += counts.ties[index];
      forward.losses += counts.secondWins[index];
      backward.wins += counts.secondWins[index];
      backward.ties += counts.ties[index];
      backward.losses += counts.firstWins[index];
    }
  }

  for (const row of cells) {
    for (const cell of row) {
      cell.n = cell.wins + cell.ties + cell.losses;
      cell.winRate = cell.n === 0 ? null : (cell.wins + 0.5 * cell.ties) / cell.n;
    }
  }
  return { systems: [...systems], cells };
}

/**
 * Decide which systems get a rating: those with at least `minComparisons` judgments that lie in
 * the largest group connected both ways by wins (ties count as half a win for each side).
 */
function chooseRatedSystems(
  systems: readonly string[],
  baselineSystem: string,
  counts: PromptPairCounts,
  totals: { firstScores: Float64Array; totals: Float64Array },
  minComparisons: number,
) {
  const comparisons = new Array<number>(systems.length).fill(0);
  for (let pair = 0; pair < counts.pairCount; pair += 1) {
    comparisons[counts.firstOfPair[pair]] += totals.totals[pair];
    comparisons[counts.secondOfPair[pair]] += totals.totals[pair];
  }

  const flags: (RatingFlag | null)[] = systems.map((_, index) => (comparisons[index] < minComparisons ? "tooFewComparisons" : null));
  const candidates = Uint8Array.from(flags, (flag) => (flag === null ? 1 : 0));
  const active = largestStronglyConnectedGroup(systems.length, counts, totals, candidates, systems.indexOf(baselineSystem));

  const scores = new Float64Array(systems.length);
  const judged = new Float64Array(systems.length);
  for (let pair = 0; pair < counts.pairCount; pair += 1) {
    const first = counts.firstOfPair[pair];
    const second = counts.secondOfPair[pair];
    if (candidates[first] && candidates[second]) {
      scores[first] += totals.firstScores[pair];
      scores[second] += totals.totals[pair] - totals.firstScores[pair];
      judged[first] += totals.totals[pair];
      judged[second] += totals.totals[pair];
    }
  }
  for (let index = 0; index < systems.length; index += 1) {
    if (candidates[index] && !active[index]) {
      flags[index] = "notConnected";
      if (judged[index] > 0 && scores[index] === 0) {
        flags[index] = "noWins";
      } else if (judged[index] > 0 && scores[index] === judged[index]) {
        flags[index] = "noLosses";
      }
    }
  }
  return { active, flags, comparisons };
}

/**
 * Return the largest set of `eligible` systems in which every system reaches every other
 * through wins (a tie is a win both ways), preferring the one containing `preferred` on a tie in
 * size. Fewer than two systems cannot be rated, so a lone system gives an empty set.
 */
function largestStronglyConnectedGroup(
  systemCount: number,
  counts: PromptPairCounts,
  sums: { firstScores: Float64Array; totals: Float64Array },
  eligible: Uint8Array,
  preferred: number,
): Uint8Array {
  const reaches = Array.from({ length: systemCount }, (_, index) => Uint8Array.from({ length: systemCount }, (__, other) => (index === other ? 1 : 0)));
  for (let pair = 0; pair < counts.pairCount; pair += 1) {
    const first = counts.firstOfPair[pair];
    const second = counts.secondOfPair[pair];
    if (!eligible[first] || !eligible[second]) {
      continue;
    }
    if (sums.firstScores[pair] > 0) {
      reaches[first][second] = 1;
    }
    if (sums.totals[pair] - sums.firstScores[pair] > 0) {
      reaches[second][first] = 1;
    }
  }
  for (let via = 0; via < systemCount; via += 1) {
    for (let from = 0; from < systemCount; from += 1) {
      if (reaches[from][via]) {
        for (let to = 0; to < systemCount; to += 1) {
          if (reaches[via][to]) {
            reaches[from][to] = 1;
          }
        }
      }
    }
  }

  let best = new Uint8Array(systemCount);
  let bestSize = 0;
  for (let system = 0; system < systemCount; system += 1) {
    if (!eligible[system]) {
      continue;
    }
    const group = Uint8Array.from({ length: systemCount }, (_, other) => (eligible[other] && reaches[system][other] && reaches[other][system] ? 1 : 0));
    const size = group.reduce((sum, member) => sum + member, 0);
    if (size > bestSize || (size === bestSize && group[preferred] === 1)) {
      best = group;
      bestSize = size;
    }
  }
  return bestSize >= 2 ? best : new Uint8Array(systemCount);
}

/**
 * Refit on `rounds` resamples of prompts, each fit starting from the point estimate `point`;
 * returns each system's ratings, `rounds` values each, NaN for skipped rounds.
 */
function bootstrapRatings({
  systems,
  counts,
  active,
  point,
  rounds,
  seed,
}: {
  systems: readonly string[];
  counts: PromptPairCounts;
  active: Uint8Array;
  point: Float64Array;
  rounds: number;
  seed: number;
}): Float64Array {
  const replicates = new Float64Array(systems.length * rounds).fill(Number.NaN);
  const activeCount = active.reduce((sum, member) => sum + member, 0);
  if (counts.promptCount < MIN_BOOTSTRAP_PROMPTS || activeCount < 2) {
    return replicates;
  }

  const random = createSeededRandom(seed);
  const multiplicities = new Int32Array(counts.promptCount);
  const sums = { firstScores: new Float64Array(counts.pairCount), totals: new Float64Array(counts.pairCount) };
  for (let round = 0; round < rounds; round += 1) {
    drawPromptResample(random, multiplicities);
    sumPairs(counts, multiplicities, sums);

    const connected = largestStronglyConnectedGroup(systems.length, counts, sums, active, -1);
    if (connected.reduce((sum, member) => sum + member, 0) !== activeCount) {
      continue;
    }

    const logStrengths = fitBradleyTerry({ systemCount: systems.length, firstOfPair: counts.firstOfPair, secondOfPair: counts.secondOfPair, firstScores: sums.firstScores, totals: sums.totals, active, initialLogStrengths: point });
    for (let system = 0; system < systems.length; system += 1) {
      if (active[system]) {
        replicates[system * rounds + round] = toRating(logStrengths[system]);
      }
    }
  }
  return replicates;
}
