import { describe, expect, it } from "vitest";

import { computeWinRates, type VerdictRow } from "@/lib/stats/compute-win-rates";
import type { Verdict } from "@/lib/generated/prisma/enums";

function verdicts(candidateSystem: string, combinationName: string, criterionKey: string, counts: Partial<Record<Verdict, number>>): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const verdict of ["CANDIDATE", "TIE", "BASELINE"] as const) {
    for (let i = 0; i < (counts[verdict] ?? 0); i += 1) {
      rows.push({ candidateSystem, combinationName, criterionKey, verdict });
    }
  }
  return rows;
}

const threeWinsOneTieTwoLosses = verdicts("soup", "AAA", "P1", { CANDIDATE: 3, TIE: 1, BASELINE: 2 });

function onlyCell(rows: VerdictRow[], convention?: "tiesAsHalf" | "tiesExcluded" | "strict") {
  return computeWinRates({ rows, convention }).candidates[0].combinations[0].cells[0];
}

describe("computeWinRates conventions", () => {
  it("counts ties as half by default", () => {
    const cell = onlyCell(threeWinsOneTieTwoLosses);
    expect(cell.wins).toBe(3);
    expect(cell.ties).toBe(1);
    expect(cell.losses).toBe(2);
    expect(cell.n).toBe(6);
    expect(cell.winRate).toBeCloseTo(3.5 / 6, 10);
    expect(cell.winRate! * 100).toBeCloseTo(58.33, 2);
  });

  it("excludes ties when asked", () => {
    expect(onlyCell(threeWinsOneTieTwoLosses, "tiesExcluded").winRate).toBeCloseTo(0.6, 10);
  });

  it("counts ties as losses under strict", () => {
    expect(onlyCell(threeWinsOneTieTwoLosses, "strict").winRate).toBeCloseTo(0.5, 10);
  });

  it("gives null for an all-tie cell with ties excluded", () => {
    const cell = onlyCell(verdicts("soup", "AAA", "P1", { TIE: 4 }), "tiesExcluded");
    expect(cell.n).toBe(4);
    expect(cell.winRate).toBeNull();
  });
});

describe("computeWinRates empty cells", () => {
  it("gives null, not 50%, for a cell without judgments", () => {
    const report = computeWinRates({ rows: [], candidateSystems: ["soup"], combinationNames: ["AAA"], criterionKeys: ["P1"] });
    const cell = report.candidates[0].combinations[0].cells[0];
    expect(cell.n).toBe(0);
    expect(cell.winRate).toBeNull();
    expect(report.candidates[0].combinations[0].mean).toEqual({ winRate: null, cellsCovered: 0, cellsTotal: 1 });
    expect(report.candidates[0].overall).toEqual({ winRate: null, cellsCovered: 0, cellsTotal: 1 });
  });

  it("skips null cells in the combination mean", () => {
    const rows = [
      ...verdicts("soup", "AAA", "P1", { CANDIDATE: 1 }),
      ...verdicts("soup", "AAA", "P2", { BASELINE: 1, TIE: 1 }),
    ];
    const report = computeWinRates({ rows, criterionKeys: ["P1", "P2", "P3"] });
    const combination = report.candidates[0].combinations[0];

    expect(combination.cells.map((cell) => cell.winRate)).toEqual([1, 0.25, null]);
    expect(combination.mean.winRate).toBeCloseTo((1 + 0.25) / 2, 10);
    expect(combination.mean.cellsCovered).toBe(2);
    expect(combination.mean.cellsTotal).toBe(3);
  });

  it("keeps listed candidates, combinations and criteria in order", () => {
    const rows = verdicts("zeta", "BBB", "P2", { CANDIDATE: 1 });
    const report = computeWinRates({ rows, candidateSystems: ["alpha"], combinationNames: ["AAA"], criterionKeys: ["P1"] });

    expect(report.candidates.map((candidate) => candidate.candidateSystem)).toEqual(["alpha", "zeta"]);
    expect(report.candidates[1].combinations.map((combination) => combination.combinationName)).toEqual(["AAA", "BBB"]);
    expect(report.criterionKeys).toEqual(["P1", "P2"]);
    expect(report.candidates[0].overall.winRate).toBeNull();
  });
});

describe("computeWinRates means", () => {
  it("makes the overall rate the mean of combination means", () => {
    const rows = [
      ...verdicts("soup", "AAA", "P1", { CANDIDATE: 1 }),
      ...verdicts("soup", "AAA", "P2", { BASELINE: 1 }),
      ...verdicts("soup", "AAB", "P1", { CANDIDATE: 3, BASELINE: 1 }),
      ...verdicts("soup", "AAB", "P2", { CANDIDATE: 1 }),
    ];
    const candidate = computeWinRates({ rows }).candidates[0];

    const [aaa, aab] = candidate.combinations;
    expect(aaa.mean.winRate).toBeCloseTo(0.5, 10);
    expect(aab.mean.winRate).toBeCloseTo((0.75 + 1) / 2, 10);
    expect(candidate.overall.winRate).toBeCloseTo((0.5 + 0.875) / 2, 10);
    expect(candidate.overall.cellsCovered).toBe(2);
  });

  it("weights combinations equally, not by judgment count", () => {
    const rows = [
      ...verdicts("soup", "AAA", "P1", { CANDIDATE: 9 }),
      ...verdicts("soup", "BBB", "P1", { BASELINE: 1 }),
    ];
    expect(computeWinRates({ rows }).candidates[0].overall.winRate).toBeCloseTo(0.5, 10);
  });

  it("keeps candidates apart", () => {
    const rows = [...verdicts("soup", "AAA", "P1", { CANDIDATE: 2 }), ...verdicts("rlhf", "AAA", "P1", { BASELINE: 2 })];
    const report = computeWinRates({ rows });
    expect(report.candidates.map((candidate) => [candidate.candidateSystem, candidate.overall.winRate])).toEqual([
      ["soup", 1],
      ["rlhf", 0],
    ]);
  });
});

describe("computeWinRates symmetry", () => {
  it("mirrors ties-as-half when candidate and baseline swap", () => {
    const rows = [
      ...threeWinsOneTieTwoLosses,
      ...verdicts("soup", "AAA", "P2", { CANDIDATE: 1, TIE: 4 }),
      ...verdicts("soup", "ABB", "P1", { BASELINE: 5, TIE: 2, CANDIDATE: 1 }),
    ];
    const swappedVerdict: Record<Verdict, Verdict> = { CANDIDATE: "BASELINE", TIE: "TIE", BASELINE: "CANDIDATE" };
    const swapped = rows.map((row): VerdictRow => ({ ...row, verdict: swappedVerdict[row.verdict] }));

    const original = computeWinRates({ rows, criterionKeys: ["P1", "P2"] }).candidates[0];
    const mirrored = computeWinRates({ rows: swapped, criterionKeys: ["P1", "P2"] }).candidates[0];

    for (const [index, combination] of original.combinations.entries()) {
      for (const [cellIndex, cell] of combination.cells.entries()) {
        const mirroredRate = mirrored.combinations[index].cells[cellIndex].winRate;
        if (cell.winRate === null) {
          expect(mirroredRate).toBeNull();
        } else {
          expect(mirroredRate).toBeCloseTo(1 - cell.winRate, 10);
        }
      }
    }
    expect(mirrored.overall.winRate).toBeCloseTo(1 - original.overall.winRate!, 10);
  });
});
