import { describe, expect, it } from "vitest";

import { computeRatings } from "@/lib/stats/compute-ratings";
import { fitBradleyTerry } from "@/lib/stats/fit-bradley-terry";
import type { PromptPairCounts } from "@/lib/stats/prompt-pair-counts";

type PairTally = { prompt: number; first: number; second: number; firstWins?: number; ties?: number; secondWins?: number };

function pairCounts(tallies: PairTally[], promptCount: number): PromptPairCounts {
  const pairs: [number, number][] = [];
  for (const tally of tallies) {
    if (!pairs.some(([first, second]) => first === tally.first && second === tally.second)) {
      pairs.push([tally.first, tally.second]);
    }
  }

  const size = promptCount * pairs.length;
  const counts: PromptPairCounts = {
    promptCount,
    pairCount: pairs.length,
    firstOfPair: Int32Array.from(pairs, ([first]) => first),
    secondOfPair: Int32Array.from(pairs, ([, second]) => second),
    firstWins: new Int32Array(size),
    ties: new Int32Array(size),
    secondWins: new Int32Array(size),
  };
  for (const tally of tallies) {
    const index = tally.prompt * pairs.length + pairs.findIndex(([first, second]) => first === tally.first && second === tally.second);
    counts.firstWins[index] += tally.firstWins ?? 0;
    counts.ties[index] += tally.ties ?? 0;
    counts.secondWins[index] += tally.secondWins ?? 0;
  }
  return counts;
}

/** Spread each pair's verdicts over `promptCount` prompts, one verdict kind per prompt in turn. */
function spread(pairs: { first: number; second: number; firstWins: number; ties: number; secondWins: number }[], promptCount: number): PairTally[] {
  const tallies: PairTally[] = [];
  for (const pair of pairs) {
    let prompt = 0;
    const add = (field: "firstWins" | "ties" | "secondWins", count: number) => {
      for (let index = 0; index < count; index += 1) {
        tallies.push({ prompt: prompt % promptCount, first: pair.first, second: pair.second, [field]: 1 });
        prompt += 1;
      }
    };
    add("firstWins", pair.firstWins);
    add("ties", pair.ties);
    add("secondWins", pair.secondWins);
  }
  return tallies;
}

function ratingsOf(systems: string[], tallies: PairTally[], promptCount: number, options: { minComparisons?: number; seed?: number; rounds?: number } = {}) {
  return computeRatings({
    systems,
    baselineSystem: systems[0],
    counts: pairCounts(tallies, promptCount),
    rounds: options.rounds ?? 200,
    seed: options.seed ?? 1,
    confidence: 0.95,
    minComparisons: options.minComparisons ?? 1,
  });
}

function ratingOf(result: ReturnType<typeof ratingsOf>, system: string) {
  return result.systems.find((rated) => rated.system === system)!;
}

describe("fitBradleyTerry", () => {
  it("fits two systems by their odds", () => {
    // A beats B 3 times and loses once: the maximum-likelihood odds are 3, so log-strengths are +-ln(3)/2.
    const logStrengths = fitBradleyTerry({
      systemCount: 2,
      firstOfPair: Int32Array.of(0),
      secondOfPair: Int32Array.of(1),
      firstScores: Float64Array.of(3),
      totals: Float64Array.of(4),
      active: Uint8Array.of(1, 1),
    });
    expect(logStrengths[0] - logStrengths[1]).toBeCloseTo(Math.log(3), 9);
    expect(logStrengths[0] + logStrengths[1]).toBeCloseTo(0, 12);
  });

  it("recovers consistent odds among three systems", () => {
    // A:B = 2:1, B:C = 2:1, A:C = 4:1 in wins. Strengths 4, 2, 1 satisfy every score equation
    // (A expects 3 x 2/3 + 5 x 4/5 = 6 wins and has 6), so they are the maximum.
    const logStrengths = fitBradleyTerry({
      systemCount: 3,
      firstOfPair: Int32Array.of(0, 1, 0),
      secondOfPair: Int32Array.of(1, 2, 2),
      firstScores: Float64Array.of(2, 2, 4),
      totals: Float64Array.of(3, 3, 5),
      active: Uint8Array.of(1, 1, 1),
    });
    expect(logStrengths[0] - logStrengths[1]).toBeCloseTo(Math.log(2), 9);
    expect(logStrengths[1] - logStrengths[2]).toBeCloseTo(Math.log(2), 9);
  });

  it("leaves inactive systems out", () => {
    const logStrengths = fitBradleyTerry({
      systemCount: 3,
      firstOfPair: Int32Array.of(0, 0),
      secondOfPair: Int32Array.of(1, 2),
      firstScores: Float64Array.of(1, 5),
      totals: Float64Array.of(2, 5),
      active: Uint8Array.of(1, 1, 0),
    });
    expect(logStrengths[0]).toBeCloseTo(0, 9);
    expect(logStrengths[1]).toBeCloseTo(0, 9);
    expect(logStrengths[2]).toBeNaN();
  });
});

describe("computeRatings", () => {
  it("puts 400 log10(odds) between two systems", () => {
    const result = ratingsOf(["base", "soup"], spread([{ first: 1, second: 0, firstWins: 30, ties: 0, secondWins: 10 }], 10), 10);
    const soup = ratingOf(result, "soup");
    const base = ratingOf(result, "base");

    expect(soup.rating! - base.rating!).toBeCloseTo(400 * Math.log10(3), 6);
    expect((soup.rating! + base.rating!) / 2).toBeCloseTo(1000, 9);
    expect(result.systems[0].system).toBe("soup");
    expect(base.isBaseline).toBe(true);
    expect(soup.comparisons).toBe(40);
  });

  it("counts a tie as half a win for each side", () => {
    // 20 wins, 10 ties, 10 losses: scores 25 and 15, so the odds are 5/3.
    const result = ratingsOf(["base", "soup"], spread([{ first: 1, second: 0, firstWins: 20, ties: 10, secondWins: 10 }], 10), 10);
    expect(ratingOf(result, "soup").rating! - ratingOf(result, "base").rating!).toBeCloseTo(400 * Math.log10(5 / 3), 6);
  });

  it("builds the pairwise win matrix both ways", () => {
    const result = ratingsOf(["base", "soup"], spread([{ first: 1, second: 0, firstWins: 6, ties: 3, secondWins: 1 }], 5), 5);
    const [base, soup] = [0, 1];
    expect(result.matrix.systems).toEqual(["base", "soup"]);
    expect(result.matrix.cells[soup][base]).toEqual({ wins: 6, ties: 3, losses: 1, n: 10, winRate: 0.75 });
    expect(result.matrix.cells[base][soup]).toEqual({ wins: 1, ties: 3, losses: 6, n: 10, winRate: 0.25 });
    expect(result.matrix.cells[base][base]).toEqual({ wins: 0, ties: 0, losses: 0, n: 0, winRate: null });
  });

  it("flags a system with too few comparisons", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 30, ties: 5, secondWins: 15 },
        { first: 2, second: 0, firstWins: 3, ties: 0, secondWins: 0 },
      ],
      10,
    );
    const result = ratingsOf(["base", "soup", "tiny"], tallies, 10, { minComparisons: 30 });
    const tiny = ratingOf(result, "tiny");

    expect(tiny.flag).toBe("tooFewComparisons");
    expect(tiny.rating).toBeNull();
    expect(tiny.interval).toBeNull();
    expect(tiny.comparisons).toBe(3);
    expect(result.systems.at(-1)!.system).toBe("tiny");
    expect(ratingOf(result, "soup").rating! - ratingOf(result, "base").rating!).toBeCloseTo(400 * Math.log10(32.5 / 17.5), 6);
  });

  it("flags an unbeaten system instead of rating it at infinity", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 30, ties: 5, secondWins: 15 },
        { first: 2, second: 0, firstWins: 40, ties: 0, secondWins: 0 },
      ],
      10,
    );
    const unbeaten = ratingOf(ratingsOf(["base", "soup", "unbeaten"], tallies, 10), "unbeaten");
    expect(unbeaten.flag).toBe("noLosses");
    expect(unbeaten.rating).toBeNull();
  });

  it("flags a system that never won", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 30, ties: 5, secondWins: 15 },
        { first: 2, second: 0, firstWins: 0, ties: 0, secondWins: 40 },
      ],
      10,
    );
    expect(ratingOf(ratingsOf(["base", "soup", "hopeless"], tallies, 10), "hopeless").flag).toBe("noWins");
  });

  it("flags a pair that only met each other", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 30, ties: 5, secondWins: 15 },
        { first: 2, second: 0, firstWins: 20, ties: 5, secondWins: 15 },
        { first: 3, second: 4, firstWins: 5, ties: 0, secondWins: 5 },
      ],
      10,
    );
    const result = ratingsOf(["base", "soup", "instruct", "left", "right"], tallies, 10);
    expect(ratingOf(result, "left").flag).toBe("notConnected");
    expect(ratingOf(result, "right").flag).toBe("notConnected");
    expect(ratingOf(result, "instruct").rating).not.toBeNull();
  });

  it("flags a system whose only opponents have too few comparisons as not connected", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 2, ties: 1, secondWins: 2 },
        { first: 2, second: 0, firstWins: 3, ties: 1, secondWins: 2 },
      ],
      5,
    );
    const result = ratingsOf(["base", "soup", "instruct"], tallies, 5, { minComparisons: 8 });

    expect(ratingOf(result, "base").flag).toBe("notConnected");
    expect(ratingOf(result, "soup").flag).toBe("tooFewComparisons");
    expect(ratingOf(result, "instruct").flag).toBe("tooFewComparisons");
  });

  it("rates nobody when only one system is left", () => {
    const result = ratingsOf(["base", "soup"], spread([{ first: 1, second: 0, firstWins: 10, ties: 0, secondWins: 0 }], 5), 5);
    expect(result.systems.map((rated) => rated.rating)).toEqual([null, null]);
  });

  it("gives identical intervals for identical data and seed", () => {
    const tallies = spread([{ first: 1, second: 0, firstWins: 25, ties: 10, secondWins: 15 }], 25);
    const first = ratingsOf(["base", "soup"], tallies, 25, { seed: 5 });
    const second = ratingsOf(["base", "soup"], tallies, 25, { seed: 5 });
    expect(second).toEqual(first);
  });

  it("brackets each rating with its bootstrap interval", () => {
    const tallies = spread(
      [
        { first: 1, second: 0, firstWins: 25, ties: 10, secondWins: 15 },
        { first: 2, second: 0, firstWins: 15, ties: 10, secondWins: 25 },
        { first: 1, second: 2, firstWins: 20, ties: 10, secondWins: 20 },
      ],
      25,
    );
    const result = ratingsOf(["base", "soup", "instruct"], tallies, 25, { rounds: 500 });
    for (const rated of result.systems) {
      expect(rated.interval!.lower).toBeLessThanOrEqual(rated.rating!);
      expect(rated.interval!.upper).toBeGreaterThanOrEqual(rated.rating!);
      expect(rated.interval!.upper - rated.interval!.lower).toBeGreaterThan(0);
    }
  });

  it("gives ratings without intervals for one prompt", () => {
    const result = ratingsOf(["base", "soup"], spread([{ first: 1, second: 0, firstWins: 6, ties: 2, secondWins: 4 }], 1), 1);

    expect(ratingOf(result, "soup").rating).toBeGreaterThan(1000);
    expect(result.systems.map((rated) => rated.interval)).toEqual([null, null]);
  });

  it("mirrors ratings when every verdict is reversed", () => {
    const tallies = spread([{ first: 1, second: 0, firstWins: 25, ties: 10, secondWins: 15 }], 25);
    const reversed = tallies.map((tally) => ({ ...tally, firstWins: tally.secondWins, secondWins: tally.firstWins }));
    const original = ratingsOf(["base", "soup"], tallies, 25);
    const mirrored = ratingsOf(["base", "soup"], reversed, 25);
    expect(ratingOf(mirrored, "soup").rating!).toBeCloseTo(ratingOf(original, "base").rating!, 6);
    expect(ratingOf(mirrored, "soup").interval!.lower).toBeCloseTo(ratingOf(original, "base").interval!.lower, 6);
  });
});
