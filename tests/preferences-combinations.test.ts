import { describe, expect, it } from "vitest";

import {
  combinationName,
  combinationSideKeys,
  combinedGenerationPrompt,
  deriveCombinations,
} from "@/lib/preferences/combinations";
import { DEFAULT_DIMENSIONS } from "@/lib/preferences/default-preferences";

const dimensions = DEFAULT_DIMENSIONS.map((dimension, position) => ({
  key: dimension.key,
  position,
  sides: dimension.sides.map((side) => ({ key: `${dimension.key}${side.letter}`, letter: side.letter })),
}));

describe("deriveCombinations", () => {
  it("gives the eight A/B combinations in order", () => {
    const names = deriveCombinations(dimensions, { onlyLetters: ["A", "B"] }).map(combinationName);
    expect(names).toEqual(["AAA", "AAB", "ABA", "ABB", "BAA", "BAB", "BBA", "BBB"]);
  });

  it("gives sixteen once P3C and P3D are included", () => {
    const names = deriveCombinations(dimensions).map(combinationName);
    expect(names).toHaveLength(16);
    expect(names).toContain("AAC");
    expect(names).toContain("BBD");
  });

  it("orders dimensions by position, not by input order", () => {
    const names = deriveCombinations([...dimensions].reverse(), { onlyLetters: ["A", "B"] }).map(combinationName);
    expect(names[1]).toBe("AAB");
  });
});

describe("combination keys", () => {
  it("joins side keys with plus signs", () => {
    const sides = [
      { key: "P1A", letter: "A" },
      { key: "P2B", letter: "B" },
      { key: "P3A", letter: "A" },
    ];
    expect(combinationSideKeys(sides)).toBe("P1A+P2B+P3A");
    expect(combinationName(sides)).toBe("ABA");
  });
});

describe("combinedGenerationPrompt", () => {
  it("joins instruction and side prompts with single spaces", () => {
    expect(combinedGenerationPrompt("Explain TCP.", ["Be brief.", "Be kind."])).toBe("Explain TCP. Be brief. Be kind.");
  });
});
