import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { computeFirstShownShare } from "@/lib/stats/compute-first-shown-share";
import { computeLengthBins } from "@/lib/stats/compute-length-bins";
import { fitLengthControlledWinRate } from "@/lib/stats/fit-length-controlled-win-rate";

/** Build one observation per judgment: per group, `wins` outcomes of 1, `losses` of 0 and `ties` of 0.5 at its length difference. */
function observations(groups: { difference: number; wins: number; losses: number; ties?: number }[]) {
  const rows: { difference: number; outcome: number }[] = [];
  for (const group of groups) {
    for (let index = 0; index < group.wins; index += 1) rows.push({ difference: group.difference, outcome: 1 });
    for (let index = 0; index < group.losses; index += 1) rows.push({ difference: group.difference, outcome: 0 });
    for (let index = 0; index < (group.ties ?? 0); index += 1) rows.push({ difference: group.difference, outcome: 0.5 });
  }
  return {
    lengthDifferences: Float64Array.from(rows, (row) => row.difference),
    outcomes: Float64Array.from(rows, (row) => row.outcome),
    weights: new Float64Array(rows.length).fill(1),
  };
}

describe("fitLengthControlledWinRate", () => {
  it("averages the logits of two symmetric groups", () => {
    // Longer by 100 characters: 8 of 10 won; shorter by 100: 4 of 10. The differences have
    // standard deviation 100, so the features are +-tanh(1) and the model is saturated:
    // intercept = (logit 0.8 + logit 0.4) / 2 = ln(8/3) / 2, win rate at zero 1 / (1 + sqrt(3/8)).
    const fit = fitLengthControlledWinRate(observations([
      { difference: 100, wins: 8, losses: 2 },
      { difference: -100, wins: 4, losses: 6 },
    ]));

    expect(fit.n).toBe(20);
    expect(fit.winRate).toBeCloseTo(0.6, 12);
    expect(fit.lengthControlledWinRate).toBeCloseTo(1 / (1 + Math.sqrt(3 / 8)), 9);
    expect(fit.lengthCoefficient).toBeCloseTo(Math.log(6) / (2 * Math.tanh(1)), 9);
  });

  it("keeps the raw win rate when length does not matter", () => {
    const fit = fitLengthControlledWinRate(observations([
      { difference: 250, wins: 6, losses: 4 },
      { difference: -50, wins: 6, losses: 4 },
      { difference: 10, wins: 3, losses: 2 },
    ]));
    expect(fit.lengthCoefficient).toBeCloseTo(0, 9);
    expect(fit.lengthControlledWinRate).toBeCloseTo(0.6, 9);
  });

  it("lowers a win rate earned by longer responses", () => {
    const fit = fitLengthControlledWinRate(observations([
      { difference: 400, wins: 18, losses: 2 },
      { difference: 300, wins: 15, losses: 5 },
      { difference: -200, wins: 4, losses: 6 },
    ]));
    expect(fit.lengthCoefficient!).toBeGreaterThan(0);
    expect(fit.lengthControlledWinRate!).toBeLessThan(fit.winRate!);
  });

  it("scores ties as the given outcome", () => {
    const fit = fitLengthControlledWinRate(observations([
      { difference: 100, wins: 2, losses: 0, ties: 2 },
      { difference: -100, wins: 0, losses: 2, ties: 2 },
    ]));
    // Groups at 0.75 and 0.25: the logits cancel, so the win rate at zero difference is one half.
    expect(fit.winRate).toBeCloseTo(0.5, 12);
    expect(fit.lengthControlledWinRate).toBeCloseTo(0.5, 9);
  });

  it("mirrors when candidate and baseline swap", () => {
    const original = observations([
      { difference: 120, wins: 7, losses: 3 },
      { difference: -80, wins: 3, losses: 4 },
      { difference: 20, wins: 2, losses: 2 },
    ]);
    const swapped = {
      lengthDifferences: original.lengthDifferences.map((difference) => -difference),
      outcomes: original.outcomes.map((outcome) => 1 - outcome),
      weights: original.weights,
    };
    expect(fitLengthControlledWinRate(swapped).lengthControlledWinRate).toBeCloseTo(1 - fitLengthControlledWinRate(original).lengthControlledWinRate!, 9);
  });

  it("returns null when length separates wins from losses", () => {
    const fit = fitLengthControlledWinRate(observations([
      { difference: 100, wins: 5, losses: 0 },
      { difference: -100, wins: 0, losses: 5 },
    ]));
    expect(fit.winRate).toBe(0.5);
    expect(fit.lengthControlledWinRate).toBeNull();
  });

  it("needs judgments and variation", () => {
    expect(fitLengthControlledWinRate(observations([])).winRate).toBeNull();
    const sameLength = fitLengthControlledWinRate(observations([{ difference: 0, wins: 3, losses: 1 }]));
    expect(sameLength.lengthControlledWinRate).toBe(0.75);
    expect(sameLength.lengthCoefficient).toBeNull();
  });

  it("weights grouped observations like repeated ones", () => {
    const grouped = fitLengthControlledWinRate({
      lengthDifferences: Float64Array.of(100, 100, -100, -100),
      outcomes: Float64Array.of(1, 0, 1, 0),
      weights: Float64Array.of(8, 2, 4, 6),
    });
    expect(grouped.lengthControlledWinRate).toBeCloseTo(1 / (1 + Math.sqrt(3 / 8)), 9);
  });
});

describe("computeLengthBins", () => {
  const bins = computeLengthBins({
    lengthDifferences: Float64Array.of(-20, 0, 5, 10, 400),
    wins: Int32Array.of(1, 0, 0, 2, 0),
    ties: Int32Array.of(0, 1, 0, 0, 0),
    losses: Int32Array.of(0, 0, 1, 0, 1),
    edges: [-10, 10],
    convention: "tiesAsHalf",
    confidence: 0.95,
  });

  it("cuts at the edges, lower edge included", () => {
    expect(bins.map((bin) => [bin.lower, bin.upper])).toEqual([
      [null, -10],
      [-10, 10],
      [10, null],
    ]);
    expect(bins.map((bin) => bin.n)).toEqual([1, 2, 3]);
  });

  it("computes each bin's win rate", () => {
    expect(bins[0].winRate).toBe(1);
    expect(bins[1].winRate).toBe(0.25);
    expect(bins[2].winRate).toBeCloseTo(2 / 3, 12);
    expect(bins[2].interval).not.toBeNull();
  });

  it("rejects edges that do not increase", () => {
    expect(() =>
      computeLengthBins({ lengthDifferences: new Float64Array(), wins: new Int32Array(), ties: new Int32Array(), losses: new Int32Array(), edges: [10, 10], convention: "strict", confidence: 0.95 }),
    ).toThrow(AppError);
  });
});

describe("computeFirstShownShare", () => {
  it("counts ties in n", () => {
    const share = computeFirstShownShare({ choseFirst: 6, choseSecond: 2, ties: 2, confidence: 0.95 });
    expect(share.n).toBe(10);
    expect(share.share).toBe(0.6);
    expect(share.interval!.lower).toBeLessThan(0.6);
  });

  it("shows no data without judgments", () => {
    const share = computeFirstShownShare({ choseFirst: 0, choseSecond: 0, ties: 0, confidence: 0.95 });
    expect(share.share).toBeNull();
    expect(share.interval).toBeNull();
  });
});
