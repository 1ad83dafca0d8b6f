import { describe, expect, it } from "vitest";

import { toCrowdworkerAgreementTable, toJudgeAgreementTable } from "@/lib/dashboard/to-agreement-tables";
import { toLengthBiasTable, toLengthControlledTable, toPositionBiasTable } from "@/lib/dashboard/to-bias-tables";
import { toPairwiseTable, toRatingTable } from "@/lib/dashboard/to-rating-tables";
import { toWinRateTable } from "@/lib/dashboard/to-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";
import type { StudyAgreement, StudyBias, StudyRatings, StudyWinRateTable } from "@/lib/stats/study-stats-types";

const bootstrap = { rounds: 1000, seed: 1, confidence: 0.95 };
const filter = DEFAULT_STUDY_STATS_FILTER;

const winRates: StudyWinRateTable = {
  studyId: "study-1",
  baselineSystem: "vanilla",
  convention: "tiesAsHalf",
  candidateSystems: ["soup"],
  combinationNames: ["AAA"],
  criterionKeys: ["P1", "P2"],
  bootstrap,
  filter,
  judgeKinds: [
    {
      judgeKind: "HUMAN",
      promptCount: 2,
      n: 3,
      candidates: [
        {
          candidateSystem: "soup",
          combinations: [
            {
              combinationName: "AAA",
              cells: [
                { criterionKey: "P1", winRate: 0.75, wins: 1, ties: 1, losses: 0, n: 2, interval: { lower: 0.3, upper: 0.95 } },
                { criterionKey: "P2", winRate: null, wins: 0, ties: 0, losses: 0, n: 0, interval: null },
              ],
              mean: { winRate: 0.75, cellsCovered: 1, cellsTotal: 2, n: 2, interval: { lower: 0.5, upper: 1 } },
            },
          ],
          overall: { winRate: 0.75, cellsCovered: 1, cellsTotal: 1, n: 2, interval: { lower: 0.5, upper: 1 } },
        },
      ],
    },
  ],
};

describe("toWinRateTable", () => {
  const table = toWinRateTable(winRates);

  it("writes cells, then the combination mean, then the overall row", () => {
    expect(table.rows.map((row) => [row.level, row.combination, row.criterion])).toEqual([
      ["cell", "AAA", "P1"],
      ["cell", "AAA", "P2"],
      ["combination mean", "AAA", null],
      ["overall", null, null],
    ]);
  });

  it("keeps a cell's counts and Wilson interval", () => {
    expect(table.rows[0]).toMatchObject({ judge_kind: "HUMAN", candidate_system: "soup", baseline_system: "vanilla", win_rate: 0.75, wins: 1, ties: 1, losses: 0, n: 2 });
    expect(table.rows[0]).toMatchObject({ interval_lower: 0.3, interval_upper: 0.95, interval_method: "wilson", tie_convention: "tiesAsHalf" });
  });

  it("writes no data as null, never one half", () => {
    expect(table.rows[1]).toMatchObject({ win_rate: null, interval_lower: null, interval_method: null, n: 0 });
  });

  it("labels mean intervals as prompt bootstrap", () => {
    expect(table.rows[2]).toMatchObject({ interval_method: "prompt bootstrap", cells_covered: 1, cells_total: 2, wins: null });
  });

  it("gives every row every column", () => {
    for (const row of table.rows) {
      expect(Object.keys(row).sort()).toEqual([...table.columns].sort());
    }
  });
});

const ratings: StudyRatings = {
  studyId: "study-1",
  baselineSystem: "vanilla",
  minComparisons: 30,
  promptCount: 25,
  bootstrap,
  filter,
  systems: [
    { system: "soup", isBaseline: false, comparisons: 40, rating: 1050, interval: { lower: 1010, upper: 1090 }, flag: null },
    { system: "vanilla", isBaseline: true, comparisons: 60, rating: 950, interval: { lower: 910, upper: 990 }, flag: null },
    { system: "tiny", isBaseline: false, comparisons: 20, rating: null, interval: null, flag: "tooFewComparisons" },
  ],
  matrix: {
    systems: ["soup", "vanilla", "tiny"],
    cells: [
      [
        { wins: 0, ties: 0, losses: 0, n: 0, winRate: null },
        { wins: 25, ties: 5, losses: 10, n: 40, winRate: 27.5 / 40 },
        { wins: 0, ties: 0, losses: 0, n: 0, winRate: null },
      ],
      [
        { wins: 10, ties: 5, losses: 25, n: 40, winRate: 12.5 / 40 },
        { wins: 0, ties: 0, losses: 0, n: 0, winRate: null },
        { wins: 12, ties: 0, losses: 8, n: 20, winRate: 0.6 },
      ],
      [
        { wins: 0, ties: 0, losses: 0, n: 0, winRate: null },
        { wins: 8, ties: 0, losses: 12, n: 20, winRate: 0.4 },
        { wins: 0, ties: 0, losses: 0, n: 0, winRate: null },
      ],
    ],
  },
};

describe("toRatingTable", () => {
  it("ranks rated systems and leaves flagged ones unranked", () => {
    const table = toRatingTable(ratings);

    expect(table.rows.map((row) => [row.rank, row.system, row.rating, row.flag])).toEqual([
      [1, "soup", 1050, null],
      [2, "vanilla", 950, null],
      [null, "tiny", null, "tooFewComparisons"],
    ]);
    expect(table.rows[1]).toMatchObject({ is_baseline: true, interval_lower: 910, interval_upper: 990, comparisons: 60 });
    expect(table.rows.every((row) => row.tie_convention === "tiesAsHalf")).toBe(true);
  });
});

describe("toPairwiseTable", () => {
  it("writes every ordered pair of distinct systems", () => {
    const table = toPairwiseTable(ratings);

    expect(table.rows).toHaveLength(6);
    expect(table.rows[0]).toEqual({ row_system: "soup", column_system: "vanilla", tie_convention: "tiesAsHalf", wins: 25, ties: 5, losses: 10, n: 40, win_rate: 27.5 / 40 });
    expect(table.rows.find((row) => row.row_system === "soup" && row.column_system === "tiny")).toMatchObject({ n: 0, win_rate: null });
  });
});

const agreement: StudyAgreement = {
  studyId: "study-1",
  filter,
  criteria: [
    {
      criterionKey: "P1",
      crowdworkers: { units: 4, ratings: 9, raters: 3, fleissKappa: 0.25, krippendorffAlpha: 0.27, pairwiseAgreement: 0.6 },
      judges: [{ judgeVersionId: "jv-1", judgeName: "gpt-judge", judgeVersion: 2, n: 4, unitsWithoutMajority: 1, percentAgreement: 0.75, cohenKappa: 0.5 }],
    },
    { criterionKey: "P2", crowdworkers: { units: 0, ratings: 0, raters: 0, fleissKappa: null, krippendorffAlpha: null, pairwiseAgreement: null }, judges: [] },
  ],
};

describe("agreement tables", () => {
  it("writes one crowdworker row per criterion", () => {
    const table = toCrowdworkerAgreementTable(agreement);

    expect(table.rows).toEqual([
      { criterion: "P1", fleiss_kappa: 0.25, krippendorff_alpha: 0.27, pairwise_agreement: 0.6, units: 4, ratings: 9, raters: 3 },
      { criterion: "P2", fleiss_kappa: null, krippendorff_alpha: null, pairwise_agreement: null, units: 0, ratings: 0, raters: 0 },
    ]);
  });

  it("writes one judge row per criterion and version", () => {
    const table = toJudgeAgreementTable(agreement);

    expect(table.rows).toEqual([
      { criterion: "P1", judge: "gpt-judge", judge_version: 2, judge_version_id: "jv-1", percent_agreement: 0.75, cohen_kappa: 0.5, n: 4, units_without_majority: 1 },
    ]);
  });
});

const bias: StudyBias = {
  studyId: "study-1",
  convention: "strict",
  filter,
  lengthBinEdges: [0],
  crowdworkers: [{ userId: "u1", pseudonym: "W-1", n: 4, choseFirst: 3, choseSecond: 1, ties: 0, share: 0.75, interval: { lower: 0.3, upper: 0.95 } }],
  judges: [{ judgeVersionId: "jv-1", judgeName: "gpt-judge", judgeVersion: 2, n: 0, choseFirst: 0, choseSecond: 0, ties: 0, share: null, interval: null }],
  length: [
    {
      judgeKind: "HUMAN",
      bins: [
        { lower: null, upper: 0, winRate: 0.25, wins: 1, ties: 0, losses: 3, n: 4, interval: { lower: 0.05, upper: 0.7 } },
        { lower: 0, upper: null, winRate: null, wins: 0, ties: 0, losses: 0, n: 0, interval: null },
      ],
      candidates: [{ candidateSystem: "soup", n: 4, winRate: 0.25, lengthControlledWinRate: 0.3, lengthCoefficient: 1.2 }],
    },
  ],
};

describe("bias tables", () => {
  it("lists crowdworkers by pseudonym, then judge versions", () => {
    const table = toPositionBiasTable(bias);

    expect(table.rows.map((row) => [row.judge_kind, row.judge, row.chose_first_share])).toEqual([
      ["HUMAN", "W-1", 0.75],
      ["SIMULATED", "gpt-judge v2", null],
    ]);
  });

  it("writes open-ended length bins as null bounds", () => {
    const table = toLengthBiasTable(bias);

    expect(table.rows[0]).toMatchObject({ length_difference_from: null, length_difference_below: 0, win_rate: 0.25, tie_convention: "strict" });
    expect(table.rows[1]).toMatchObject({ length_difference_from: 0, length_difference_below: null, win_rate: null, n: 0 });
  });

  it("writes the length-controlled win rate per candidate", () => {
    expect(toLengthControlledTable(bias).rows).toEqual([
      { judge_kind: "HUMAN", candidate_system: "soup", tie_convention: "strict", win_rate: 0.25, length_controlled_win_rate: 0.3, length_coefficient: 1.2, n: 4 },
    ]);
  });
});
