import { describe, expect, it } from "vitest";

import { computeCohenKappa } from "@/lib/stats/compute-cohen-kappa";
import { computeFleissKappa } from "@/lib/stats/compute-fleiss-kappa";
import { computeKrippendorffAlpha } from "@/lib/stats/compute-krippendorff-alpha";
import { computePairwiseAgreement } from "@/lib/stats/compute-pairwise-agreement";
import { findMajorityCategory } from "@/lib/stats/find-majority-category";

/** Turn one row of ratings per rater (null for a missing rating) into per-unit category counts. */
function countsFromRatings(raters: (number | null)[][], categories: number[]): number[][] {
  const unitCount = raters[0].length;
  return Array.from({ length: unitCount }, (_, unit) => categories.map((category) => raters.filter((row) => row[unit] === category).length));
}

describe("computeFleissKappa", () => {
  it("matches the 14-rater worked example", () => {
    // The 10 subjects x 5 categories table of the worked example in the Wikipedia article
    // "Fleiss' kappa". Recomputed by a separate script for this test: P = 0.378, Pe = 0.213, kappa = 0.2099.
    const units = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    expect(computeFleissKappa(units)).toBeCloseTo(0.20993, 5);
  });

  it("is 1 for perfect agreement and skips single ratings", () => {
    expect(computeFleissKappa([[3, 0, 0], [0, 0, 3], [0, 1, 0]])).toBe(1);
  });

  it("handles units with different numbers of raters", () => {
    // By hand: unit agreements 1/3 (3 raters, 2 agree) and 1 (2 raters agree); mean 2/3.
    // Category shares 3/5 and 2/5, chance 0.52, kappa = (2/3 - 0.52) / 0.48 = 0.30556.
    expect(computeFleissKappa([[2, 1], [0, 2]])).toBeCloseTo(0.305556, 6);
  });

  it("returns null when kappa is undefined", () => {
    expect(computeFleissKappa([[4, 0, 0], [3, 0, 0]])).toBeNull();
    expect(computeFleissKappa([[1, 0, 0]])).toBeNull();
    expect(computeFleissKappa([])).toBeNull();
  });
});

describe("computeKrippendorffAlpha", () => {
  it("matches the nominal example with missing data", () => {
    // Four observers and 12 units with missing values, the nominal example of Krippendorff (2011),
    // "Computing Krippendorff's Alpha-Reliability". Alpha 0.743 was recomputed by a separate script.
    const ratings = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    expect(computeKrippendorffAlpha(countsFromRatings(ratings, [1, 2, 3, 4, 5]))).toBeCloseTo(0.743421, 6);
  });

  it("is 1 for perfect agreement", () => {
    expect(computeKrippendorffAlpha([[2, 0], [0, 3]])).toBe(1);
  });

  it("is below zero for systematic disagreement", () => {
    expect(computeKrippendorffAlpha([[1, 1], [1, 1], [1, 1]])).toBeLessThan(0);
  });

  it("returns null without variation or pairable ratings", () => {
    expect(computeKrippendorffAlpha([[3, 0], [2, 0]])).toBeNull();
    expect(computeKrippendorffAlpha([[1, 0], [0, 1]])).toBeNull();
  });
});

describe("computePairwiseAgreement", () => {
  it("counts agreeing pairs of ratings", () => {
    // Unit 1: 3 ratings, one agreeing pair of three; unit 2: 2 agreeing ratings, one pair. 2 / 4.
    expect(computePairwiseAgreement([[2, 1, 0], [0, 0, 2]])).toBe(0.5);
  });

  it("returns null without pairs", () => {
    expect(computePairwiseAgreement([[1, 0, 0]])).toBeNull();
  });
});

describe("computeCohenKappa", () => {
  it("matches the two-reader example", () => {
    // 50 proposals read by two readers, the example of the Wikipedia article "Cohen's kappa":
    // both yes 20, both no 15, yes/no 5, no/yes 10. By hand: observed 0.7, chance 0.5, kappa 0.4.
    const result = computeCohenKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(result.n).toBe(50);
    expect(result.percentAgreement).toBeCloseTo(0.7, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
  });

  it("works a three-category table by hand", () => {
    // Rows judge, columns majority (candidate, tie, baseline), 24 items. Observed 18/24;
    // row totals 12, 4, 8 and column totals 13, 3, 8 give chance 232/576, so
    // kappa = (432 - 232) / (576 - 232) = 200/344.
    const result = computeCohenKappa([
      [10, 1, 1],
      [1, 2, 1],
      [2, 0, 6],
    ]);
    expect(result.n).toBe(24);
    expect(result.percentAgreement).toBeCloseTo(0.75, 12);
    expect(result.kappa).toBeCloseTo(200 / 344, 12);
  });

  it("returns null without items", () => {
    expect(computeCohenKappa([[0, 0], [0, 0]])).toEqual({ n: 0, percentAgreement: null, kappa: null });
  });
});

describe("findMajorityCategory", () => {
  it("needs a strict majority", () => {
    expect(findMajorityCategory([2, 1, 0])).toBe(0);
    expect(findMajorityCategory([1, 1, 1])).toBeNull();
    expect(findMajorityCategory([0, 2, 2])).toBeNull();
    expect(findMajorityCategory([0, 0, 0])).toBeNull();
  });
});
