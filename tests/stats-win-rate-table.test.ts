import { describe, expect, it } from "vitest";

import { computePercentileInterval } from "@/lib/stats/compute-percentile-interval";
import { computeWinRateTable } from "@/lib/stats/compute-win-rate-table";
import { computeWinRates, type TieConvention, type VerdictRow } from "@/lib/stats/compute-win-rates";
import { createSeededRandom } from "@/lib/stats/create-seeded-random";
import { drawPromptResample } from "@/lib/stats/draw-prompt-resample";
import { createPromptCellCounts, winRateCellIndex, type PromptCellCounts, type WinRateLayout } from "@/lib/stats/prompt-cell-counts";

const layout: WinRateLayout = { candidateSystems: ["soup"], combinationNames: ["AAA", "AAB"], criterionKeys: ["P1", "P2"] };

type Tally = { prompt: number; combination: number; criterion: number; wins?: number; ties?: number; losses?: number };

function countsOf(tallies: Tally[], promptCount: number, tableLayout = layout, candidate = 0) {
  const counts = createPromptCellCounts(tableLayout, promptCount);
  for (const tally of tallies) {
    const index = tally.prompt * counts.cellCount + winRateCellIndex(tableLayout, candidate, tally.combination, tally.criterion);
    counts.wins[index] += tally.wins ?? 0;
    counts.ties[index] += tally.ties ?? 0;
    counts.losses[index] += tally.losses ?? 0;
  }
  return counts;
}

function table(tallies: Tally[], promptCount: number, options: { convention?: TieConvention; seed?: number; rounds?: number } = {}) {
  return computeWinRateTable({
    counts: countsOf(tallies, promptCount),
    layout,
    convention: options.convention ?? "tiesAsHalf",
    rounds: options.rounds ?? 200,
    seed: options.seed ?? 1,
    confidence: 0.95,
  });
}

/** Twenty prompts with mixed verdicts in three of the four cells; AAB x P2 stays empty. */
function mixedTallies(): Tally[] {
  const tallies: Tally[] = [];
  for (let prompt = 0; prompt < 20; prompt += 1) {
    tallies.push({ prompt, combination: 0, criterion: 0, wins: prompt % 3, ties: 1, losses: prompt % 2 });
    tallies.push({ prompt, combination: 0, criterion: 1, wins: 1, ties: prompt % 4 === 0 ? 1 : 0, losses: prompt % 5 === 0 ? 2 : 0 });
    tallies.push({ prompt, combination: 1, criterion: 0, wins: prompt % 2, losses: 1 });
  }
  return tallies;
}

function toVerdictRows(tallies: Tally[]): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const tally of tallies) {
    const base = { candidateSystem: "soup", combinationName: layout.combinationNames[tally.combination], criterionKey: layout.criterionKeys[tally.criterion] };
    for (let index = 0; index < (tally.wins ?? 0); index += 1) rows.push({ ...base, verdict: "CANDIDATE" });
    for (let index = 0; index < (tally.ties ?? 0); index += 1) rows.push({ ...base, verdict: "TIE" });
    for (let index = 0; index < (tally.losses ?? 0); index += 1) rows.push({ ...base, verdict: "BASELINE" });
  }
  return rows;
}

describe("computeWinRateTable point estimates", () => {
  for (const convention of ["tiesAsHalf", "tiesExcluded", "strict"] as const) {
    it(`agrees with computeWinRates under ${convention}`, () => {
      const tallies = mixedTallies();
      const fromCounts = table(tallies, 20, { convention }).candidates[0];
      const fromRows = computeWinRates({ rows: toVerdictRows(tallies), convention, candidateSystems: ["soup"], combinationNames: ["AAA", "AAB"], criterionKeys: ["P1", "P2"] }).candidates[0];

      expect(fromCounts.overall.winRate).toBeCloseTo(fromRows.overall.winRate!, 12);
      fromRows.combinations.forEach((combination, index) => {
        expect(fromCounts.combinations[index].mean.winRate).toBeCloseTo(combination.mean.winRate!, 12);
        combination.cells.forEach((cell, criterion) => {
          const counted = fromCounts.combinations[index].cells[criterion];
          expect(counted.n).toBe(cell.n);
          expect(counted.wins).toBe(cell.wins);
          expect(counted.winRate).toEqual(cell.winRate === null ? null : expect.closeTo(cell.winRate, 12));
        });
      });
    });
  }

  it("works a small table by hand", () => {
    // Prompt 0: AAA/P1 2 wins 1 tie, AAA/P2 1 loss. Prompt 1: AAA/P1 1 loss, AAB/P1 1 win 1 tie.
    // AAA/P1 = (2 + 0.5) / 4 = 0.625, AAA/P2 = 0, AAA mean = 0.3125, AAB/P1 = 1.5 / 2 = 0.75,
    // AAB mean = 0.75 (P2 has no data), overall = (0.3125 + 0.75) / 2 = 0.53125.
    const result = table(
      [
        { prompt: 0, combination: 0, criterion: 0, wins: 2, ties: 1 },
        { prompt: 0, combination: 0, criterion: 1, losses: 1 },
        { prompt: 1, combination: 0, criterion: 0, losses: 1 },
        { prompt: 1, combination: 1, criterion: 0, wins: 1, ties: 1 },
      ],
      2,
    );
    const [aaa, aab] = result.candidates[0].combinations;

    expect(aaa.cells[0].winRate).toBe(0.625);
    expect(aaa.cells[0].n).toBe(4);
    expect(aaa.cells[1].winRate).toBe(0);
    expect(aaa.mean.winRate).toBe(0.3125);
    expect(aaa.mean.n).toBe(5);
    expect(aab.cells[1].winRate).toBeNull();
    expect(aab.cells[1].interval).toBeNull();
    expect(aab.mean.winRate).toBe(0.75);
    expect(aab.mean.cellsCovered).toBe(1);
    expect(result.candidates[0].overall.winRate).toBe(0.53125);
    expect(result.candidates[0].overall.n).toBe(7);
    expect(result.n).toBe(7);
    expect(result.promptCount).toBe(2);
  });

  it("gives a Wilson interval to every cell with data", () => {
    const cell = table([{ prompt: 0, combination: 0, criterion: 0, wins: 8, losses: 2 }], 1).candidates[0].combinations[0].cells[0];
    // Wilson 95% for 8/10, worked by hand: 0.4902 to 0.9433.
    expect(cell.interval!.lower).toBeCloseTo(0.4902, 4);
    expect(cell.interval!.upper).toBeCloseTo(0.9433, 4);
  });

  it("shows no data, not one half, for an empty table", () => {
    const result = table([], 0);
    expect(result.candidates[0].overall.winRate).toBeNull();
    expect(result.candidates[0].overall.interval).toBeNull();
    expect(result.candidates[0].combinations[0].cells[0].winRate).toBeNull();
  });
});

describe("computeWinRateTable bootstrap", () => {
  it("gives identical intervals for identical data and seed", () => {
    const first = table(mixedTallies(), 20, { seed: 99 });
    const second = table(mixedTallies(), 20, { seed: 99 });
    expect(second).toEqual(first);
  });

  it("changes intervals with the seed", () => {
    const first = table(mixedTallies(), 20, { seed: 1 }).candidates[0].overall.interval;
    const second = table(mixedTallies(), 20, { seed: 2 }).candidates[0].overall.interval;
    expect(second).not.toEqual(first);
  });

  it("brackets the point estimate", () => {
    const result = table(mixedTallies(), 20, { rounds: 1000 }).candidates[0];
    for (const mean of [result.overall, ...result.combinations.map((combination) => combination.mean)]) {
      expect(mean.interval!.lower).toBeLessThanOrEqual(mean.winRate!);
      expect(mean.interval!.upper).toBeGreaterThanOrEqual(mean.winRate!);
    }
  });

  it("collapses when every prompt is alike", () => {
    const tallies = Array.from({ length: 10 }, (_, prompt) => ({ prompt, combination: 0, criterion: 0, wins: 3, losses: 1 }));
    const mean = table(tallies, 10).candidates[0].combinations[0].mean;
    expect(mean.winRate).toBe(0.75);
    expect(mean.interval).toEqual({ lower: 0.75, upper: 0.75 });
  });

  it("gives no interval for one prompt", () => {
    const mean = table([{ prompt: 0, combination: 0, criterion: 0, wins: 1, losses: 2 }], 1).candidates[0].overall;

    expect(mean.winRate).toBeCloseTo(1 / 3);
    expect(mean.interval).toBeNull();
  });

  it("gives no interval to a mean of one prompt", () => {
    const tallies = [
      ...Array.from({ length: 10 }, (_, prompt) => ({ prompt, combination: 0, criterion: 0, wins: prompt % 2, losses: 1 })),
      { prompt: 3, combination: 1, criterion: 1, wins: 2, losses: 1 },
    ];
    const [aaa, aab] = table(tallies, 10).candidates[0].combinations;

    expect(aab.mean.winRate).toBeCloseTo(2 / 3);
    expect(aab.mean.interval).toBeNull();
    expect(aaa.mean.interval).not.toBeNull();
    expect(table(tallies, 10).candidates[0].overall.interval).not.toBeNull();
  });

  it("moves all judgments of a prompt together", () => {
    // Each prompt contains one win and one loss, so every resample is exactly one half.
    // Resampling single judgments would spread the interval.
    const tallies = Array.from({ length: 30 }, (_, prompt) => ({ prompt, combination: 0, criterion: 0, wins: 1, losses: 1 }));
    const mean = table(tallies, 30).candidates[0].combinations[0].mean;
    expect(mean.interval).toEqual({ lower: 0.5, upper: 0.5 });
  });

  it("narrows with more prompts", () => {
    const spread = (promptCount: number) => {
      const tallies = Array.from({ length: promptCount }, (_, prompt) => ({ prompt, combination: 0, criterion: 0, wins: prompt % 2, losses: 1 - (prompt % 2) }));
      const interval = table(tallies, promptCount, { rounds: 500 }).candidates[0].combinations[0].mean.interval!;
      return interval.upper - interval.lower;
    };
    expect(spread(400)).toBeLessThan(spread(25));
  });
});

describe("computeWinRateTable properties", () => {
  it("mirrors when candidate and baseline swap", () => {
    const tallies = mixedTallies();
    const swapped = tallies.map((tally) => ({ ...tally, wins: tally.losses, losses: tally.wins }));
    for (const convention of ["tiesAsHalf", "tiesExcluded"] as const) {
      const original = table(tallies, 20, { convention, rounds: 300 }).candidates[0];
      const mirrored = table(swapped, 20, { convention, rounds: 300 }).candidates[0];

      expect(mirrored.overall.winRate).toBeCloseTo(1 - original.overall.winRate!, 12);
      expect(mirrored.overall.interval!.lower).toBeCloseTo(1 - original.overall.interval!.upper, 12);
      expect(mirrored.overall.interval!.upper).toBeCloseTo(1 - original.overall.interval!.lower, 12);
      original.combinations.forEach((combination, index) => {
        const cell = combination.cells[0];
        const mirroredCell = mirrored.combinations[index].cells[0];
        expect(mirroredCell.winRate).toBeCloseTo(1 - cell.winRate!, 12);
        expect(mirroredCell.interval!.lower).toBeCloseTo(1 - cell.interval!.upper, 12);
      });
    }
  });

  it("moves toward one half as ties are added", () => {
    const base = [
      { prompt: 0, combination: 0, criterion: 0, wins: 9, losses: 1 },
      { prompt: 0, combination: 1, criterion: 0, wins: 1, losses: 7 },
    ];
    let previous = table(base, 1).candidates[0].combinations.map((combination) => Math.abs(combination.cells[0].winRate! - 0.5));
    for (const ties of [1, 5, 20, 100]) {
      const withTies = base.map((tally) => ({ ...tally, ties }));
      const distances = table(withTies, 1).candidates[0].combinations.map((combination) => Math.abs(combination.cells[0].winRate! - 0.5));
      distances.forEach((distance, index) => expect(distance).toBeLessThan(previous[index]));
      previous = distances;
    }
  });

  it("leaves the tiesExcluded rate unchanged by ties", () => {
    const base = [{ prompt: 0, combination: 0, criterion: 0, wins: 3, losses: 1 }];
    const withTies = [{ ...base[0], ties: 10 }];
    const rate = (tallies: Tally[]) => table(tallies, 1, { convention: "tiesExcluded" }).candidates[0].combinations[0].cells[0].winRate;
    expect(rate(withTies)).toBe(rate(base));
  });
});

/**
 * Compute each candidate's bootstrap intervals the plain way: per round, sum every cell's
 * numerator and denominator over the drawn prompts one judgment count at a time, then average
 * the cells' win rates into combination and overall means.
 */
function referenceIntervals(counts: PromptCellCounts, tableLayout: WinRateLayout, convention: TieConvention, rounds: number, seed: number) {
  const tieWeight = convention === "tiesAsHalf" ? 0.5 : 0;
  const tieCounted = convention === "tiesExcluded" ? 0 : 1;
  const random = createSeededRandom(seed);
  const multiplicities = new Int32Array(counts.promptCount);
  const candidateCount = tableLayout.candidateSystems.length;
  const combinationCount = tableLayout.combinationNames.length;
  const replicates = Array.from({ length: candidateCount * (combinationCount + 1) }, () => new Float64Array(rounds).fill(Number.NaN));

  for (let round = 0; round < rounds; round += 1) {
    drawPromptResample(random, multiplicities);
    for (let candidate = 0; candidate < candidateCount; candidate += 1) {
      const combinationMeans: number[] = [];
      for (let combination = 0; combination < combinationCount; combination += 1) {
        const rates: number[] = [];
        for (let criterion = 0; criterion < tableLayout.criterionKeys.length; criterion += 1) {
          const cell = winRateCellIndex(tableLayout, candidate, combination, criterion);
          let doubledNumerator = 0;
          let denominator = 0;
          for (let prompt = 0; prompt < counts.promptCount; prompt += 1) {
            const index = prompt * counts.cellCount + cell;
            doubledNumerator += multiplicities[prompt] * (2 * counts.wins[index] + 2 * tieWeight * counts.ties[index]);
            denominator += multiplicities[prompt] * (counts.wins[index] + counts.losses[index] + tieCounted * counts.ties[index]);
          }
          if (denominator > 0) {
            rates.push(doubledNumerator / (2 * denominator));
          }
        }
        if (rates.length > 0) {
          const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
          replicates[candidate * (combinationCount + 1) + combination][round] = mean;
          combinationMeans.push(mean);
        }
      }
      if (combinationMeans.length > 0) {
        replicates[candidate * (combinationCount + 1) + combinationCount][round] = combinationMeans.reduce((sum, mean) => sum + mean, 0) / combinationMeans.length;
      }
    }
  }
  return replicates.map((replicatesOfMean) => computePercentileInterval(replicatesOfMean, 0.95));
}

/**
 * Random counts for every prompt and cell, a share `emptyShare` of them empty, each count at most
 * `maxCount`. With `judgmentsPerCell`, every cell that is not empty has exactly that many
 * judgments, so cells share their judgment count as items with a fixed quota do.
 */
function randomCounts(
  tableLayout: WinRateLayout,
  { promptCount, maxCount, seed, emptyShare = 0.25, judgmentsPerCell }: { promptCount: number; maxCount: number; seed: number; emptyShare?: number; judgmentsPerCell?: number },
): PromptCellCounts {
  const random = createSeededRandom(seed);
  const counts = createPromptCellCounts(tableLayout, promptCount);
  for (let index = 0; index < promptCount * counts.cellCount; index += 1) {
    if (random() < emptyShare) {
      continue;
    }
    if (judgmentsPerCell === undefined) {
      counts.wins[index] = Math.floor(random() * (maxCount + 1));
      counts.ties[index] = Math.floor(random() * (maxCount + 1));
      counts.losses[index] = Math.floor(random() * (maxCount + 1));
    } else {
      counts.wins[index] = Math.floor(random() * (judgmentsPerCell + 1));
      counts.ties[index] = Math.floor(random() * (judgmentsPerCell - counts.wins[index] + 1));
      counts.losses[index] = judgmentsPerCell - counts.wins[index] - counts.ties[index];
    }
  }
  return counts;
}

describe("computeWinRateTable bootstrap against a reference", () => {
  const randomLayout: WinRateLayout = { candidateSystems: ["a", "b"], combinationNames: ["AAA", "AAB", "ABA"], criterionKeys: ["P1", "P2", "P3"] };

  // Small counts pack several terms into one float, and counts near 2^24 leave one term per float.
  // A fixed number of judgments per cell gives denominators that repeat across cells, which the
  // bootstrap sums once, with or without empty cells among them.
  for (const { promptCount, maxCount, emptyShare, judgmentsPerCell } of [
    { promptCount: 37, maxCount: 6 },
    { promptCount: 5, maxCount: 3 },
    { promptCount: 40, maxCount: 70_000 },
    { promptCount: 20, maxCount: 16_000_000 },
    { promptCount: 30, maxCount: 6, judgmentsPerCell: 6, emptyShare: 0 },
    { promptCount: 30, maxCount: 2, judgmentsPerCell: 2, emptyShare: 0.1 },
  ]) {
    const shape = judgmentsPerCell === undefined ? `counts up to ${maxCount}` : `${judgmentsPerCell} judgments per cell, ${(emptyShare ?? 0) * 100}% empty`;
    for (const convention of ["tiesAsHalf", "tiesExcluded", "strict"] as const) {
      it(`matches exactly for ${promptCount} prompts, ${shape}, ${convention}`, () => {
        const counts = randomCounts(randomLayout, { promptCount, maxCount, seed: promptCount + maxCount, emptyShare, judgmentsPerCell });
        const result = computeWinRateTable({ counts, layout: randomLayout, convention, rounds: 300, seed: 7, confidence: 0.95 });
        const expected = referenceIntervals(counts, randomLayout, convention, 300, 7);

        const actual = result.candidates.flatMap((candidate) => [...candidate.combinations.map((combination) => combination.mean.interval), candidate.overall.interval]);
        expect(actual).toEqual(expected);
        expect(actual.every((interval) => interval !== null)).toBe(true);
      });
    }
  }
});
