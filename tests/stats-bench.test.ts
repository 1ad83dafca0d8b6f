import { beforeAll, describe, expect, it } from "vitest";

import { generateStatsJudgments, JUDGMENTS_PER_PROMPT, type GeneratedStudy } from "@/bench/generate-stats-judgments";
import { getStudyAgreement } from "@/lib/stats/get-study-agreement";
import { getStudyBias } from "@/lib/stats/get-study-bias";
import { getStudyRatings } from "@/lib/stats/get-study-ratings";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";

import { ensurePreferences, uniqueName } from "./studies-fixtures";

const PROMPTS = 10;

let study: GeneratedStudy;
let actor: { id: string; role: "RESEARCHER" };

beforeAll(async () => {
  await ensurePreferences();
  study = await generateStatsJudgments({ databaseUrl: process.env.DATABASE_URL!, judgments: PROMPTS * JUDGMENTS_PER_PROMPT, prefix: uniqueName("bench") });
  actor = { id: study.researcherId, role: "RESEARCHER" };
}, 120_000);

describe("benchmark generator", () => {
  it("inserts the planned judgments", () => {
    expect(study.promptCount).toBe(PROMPTS);
    expect(study.judgmentCount).toBe(PROMPTS * 960);
  });

  it("feeds the win-rate table its skill gradient", async () => {
    const table = await getStudyWinRateTable({ actor, studyId: study.studyId, rounds: 50 });
    const human = table.judgeKinds.find((entry) => entry.judgeKind === "HUMAN")!;
    const simulated = table.judgeKinds.find((entry) => entry.judgeKind === "SIMULATED")!;

    expect(human.n).toBe(PROMPTS * 720);
    expect(simulated.n).toBe(PROMPTS * 240);
    expect(human.promptCount).toBe(PROMPTS);
    expect(table.combinationNames).toHaveLength(8);
    const overall = human.candidates.map((candidate) => candidate.overall.winRate!);
    for (let index = 1; index < overall.length; index += 1) {
      expect(overall[index]).toBeGreaterThan(overall[index - 1]);
    }
  });

  it("rates every system with candidates in skill order", async () => {
    const ratings = await getStudyRatings({ actor, studyId: study.studyId, rounds: 50 });
    expect(ratings.systems.every((system) => system.flag === null)).toBe(true);

    const candidates = ratings.systems.filter((system) => !system.isBaseline).map((system) => system.system);
    expect(candidates).toEqual([5, 4, 3, 2, 1].map((number) => `${study.studyId.replace(/-study$/, "")}-system-${number}`));
  });

  it("shows the human lean to the first-shown response", async () => {
    const bias = await getStudyBias({ actor, studyId: study.studyId });
    const first = bias.crowdworkers.reduce((sum, worker) => sum + worker.choseFirst, 0);
    const second = bias.crowdworkers.reduce((sum, worker) => sum + worker.choseSecond, 0);

    expect(bias.crowdworkers.reduce((sum, worker) => sum + worker.n, 0)).toBe(PROMPTS * 720);
    expect(first).toBeGreaterThan(second);
    expect(bias.judges).toHaveLength(1);
  });

  it("finds six ratings per unit for agreement", async () => {
    const { criteria } = await getStudyAgreement({ actor, studyId: study.studyId });
    expect(criteria.map((criterion) => criterion.criterionKey)).toEqual(["P1", "P2", "P3"]);
    for (const criterion of criteria) {
      expect(criterion.crowdworkers.units).toBe(PROMPTS * 40);
      expect(criterion.crowdworkers.ratings).toBe(PROMPTS * 240);
      expect(criterion.judges[0].n + criterion.judges[0].unitsWithoutMajority).toBeGreaterThan(0);
    }
  });
});
