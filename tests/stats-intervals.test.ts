import { describe, expect, it } from "vitest";

import { computePercentileInterval } from "@/lib/stats/compute-percentile-interval";
import { computeWilsonInterval } from "@/lib/stats/compute-wilson-interval";
import { createSeededRandom } from "@/lib/stats/create-seeded-random";
import { drawPromptResample } from "@/lib/stats/draw-prompt-resample";
import { normalQuantile } from "@/lib/stats/normal-quantile";

describe("computeWilsonInterval", () => {
  // Examples of Newcombe (1998), "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17 (Wilson score without continuity
  // correction). The bounds were recomputed from the Wilson formula for this test.
  const newcombeExamples = [
    { successes: 81, n: 263, lower: 0.2553, upper: 0.3662 },
    { successes: 15, n: 148, lower: 0.0624, upper: 0.1605 },
    { successes: 0, n: 20, lower: 0, upper: 0.1611 },
    { successes: 1, n: 29, lower: 0.0061, upper: 0.1718 },
  ];

  for (const example of newcombeExamples) {
    it(`matches Newcombe for ${example.successes}/${example.n}`, () => {
      const interval = computeWilsonInterval({ successes: example.successes, n: example.n });
      expect(interval!.lower).toBeCloseTo(example.lower, 4);
      expect(interval!.upper).toBeCloseTo(example.upper, 4);
    });
  }

  it("gives exact bounds at 0 and 1", () => {
    for (const n of [1, 3, 7, 10, 49]) {
      expect(computeWilsonInterval({ successes: 0, n })?.lower).toBe(0);
      expect(computeWilsonInterval({ successes: n, n })?.upper).toBe(1);
    }
  });

  it("returns null without judgments", () => {
    expect(computeWilsonInterval({ successes: 0, n: 0 })).toBeNull();
  });

  it("accepts half wins from ties", () => {
    // 3 wins and 2 ties of 6 give 4/6; by hand with z = 1.96, center 0.6016 and half-width 0.3016.
    const interval = computeWilsonInterval({ successes: 4, n: 6 });
    expect(interval!.lower).toBeCloseTo(0.3000, 3);
    expect(interval!.upper).toBeCloseTo(0.9032, 3);
  });

  it("widens with higher confidence", () => {
    const narrow = computeWilsonInterval({ successes: 30, n: 50, confidence: 0.8 })!;
    const wide = computeWilsonInterval({ successes: 30, n: 50, confidence: 0.99 })!;
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });
});

describe("normalQuantile", () => {
  it("gives the familiar critical values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
  });

  it("rejects probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(1)).toThrow(/strictly between 0 and 1/);
  });
});

describe("computePercentileInterval", () => {
  it("interpolates like NumPy's default percentile", () => {
    // numpy.percentile(range(1, 11), [2.5, 97.5]) is [1.225, 9.775].
    const interval = computePercentileInterval(Float64Array.from({ length: 10 }, (_, index) => 10 - index), 0.95);
    expect(interval!.lower).toBeCloseTo(1.225, 12);
    expect(interval!.upper).toBeCloseTo(9.775, 12);
  });

  it("skips rounds without a value", () => {
    const interval = computePercentileInterval(Float64Array.from([Number.NaN, 2, Number.NaN, 4]), 0.5);
    expect(interval!.lower).toBeCloseTo(2.5, 12);
    expect(interval!.upper).toBeCloseTo(3.5, 12);
  });

  it("returns null when no round has a value", () => {
    expect(computePercentileInterval(Float64Array.from([Number.NaN]), 0.95)).toBeNull();
  });
});

describe("createSeededRandom", () => {
  it("repeats its sequence for a seed", () => {
    const first = createSeededRandom(42);
    const second = createSeededRandom(42);
    for (let draw = 0; draw < 100; draw += 1) {
      expect(first()).toBe(second());
    }
  });

  it("differs between seeds", () => {
    expect(createSeededRandom(1)()).not.toBe(createSeededRandom(2)());
  });

  it("draws uniformly enough for resampling", () => {
    const random = createSeededRandom(7);
    const bins = new Array<number>(10).fill(0);
    let smallest = 1;
    let largest = 0;
    for (let draw = 0; draw < 100_000; draw += 1) {
      const value = random();
      smallest = Math.min(smallest, value);
      largest = Math.max(largest, value);
      bins[Math.floor(value * 10)] += 1;
    }

    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(largest).toBeLessThan(1);
    for (const count of bins) {
      expect(Math.abs(count - 10_000)).toBeLessThan(500);
    }
  });
});

describe("drawPromptResample", () => {
  it("draws as many prompts as there are", () => {
    const multiplicities = new Int32Array(50);
    drawPromptResample(createSeededRandom(3), multiplicities);
    expect(multiplicities.reduce((sum, count) => sum + count, 0)).toBe(50);
  });
});
