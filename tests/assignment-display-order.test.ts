import { describe, expect, it } from "vitest";

import { drawOrderSeed, shownFirstFromSeed, verdictForChoice } from "@/lib/assignment/display-order";

describe("shownFirstFromSeed", () => {
  it("gives the same order for the same seed", () => {
    for (const seed of [0, 1, 42, 123_456, 2 ** 31 - 2]) {
      expect(shownFirstFromSeed(seed)).toBe(shownFirstFromSeed(seed));
    }
  });

  it("gives both orders", () => {
    const orders = new Set(Array.from({ length: 16 }, (_, seed) => shownFirstFromSeed(seed)));

    expect(orders).toEqual(new Set(["CANDIDATE", "BASELINE"]));
  });

  it("is roughly balanced over consecutive seeds", () => {
    const seeds = Array.from({ length: 10_000 }, (_, seed) => seed);

    const candidateFirst = seeds.filter((seed) => shownFirstFromSeed(seed) === "CANDIDATE").length;

    // ±225 is 4.5 standard deviations of 10,000 fair coin flips.
    expect(candidateFirst).toBeGreaterThan(4_775);
    expect(candidateFirst).toBeLessThan(5_225);
  });
});

describe("drawOrderSeed", () => {
  it("fits a 32-bit signed integer", () => {
    for (let draw = 0; draw < 100; draw += 1) {
      const seed = drawOrderSeed();
      expect(Number.isInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThan(2 ** 31);
    }
  });
});

describe("verdictForChoice", () => {
  it.each([
    { choice: "A", shownFirst: "CANDIDATE", verdict: "CANDIDATE" },
    { choice: "B", shownFirst: "CANDIDATE", verdict: "BASELINE" },
    { choice: "TIE", shownFirst: "CANDIDATE", verdict: "TIE" },
    { choice: "A", shownFirst: "BASELINE", verdict: "BASELINE" },
    { choice: "B", shownFirst: "BASELINE", verdict: "CANDIDATE" },
    { choice: "TIE", shownFirst: "BASELINE", verdict: "TIE" },
  ] as const)("maps $choice with $shownFirst first to $verdict", ({ choice, shownFirst, verdict }) => {
    expect(verdictForChoice(choice, shownFirst)).toBe(verdict);
  });
});
