import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import { getStudyAgreement } from "@/lib/stats/get-study-agreement";
import { getStudyBias } from "@/lib/stats/get-study-bias";
import { getStudyRatings } from "@/lib/stats/get-study-ratings";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyWinRateTable } from "@/lib/stats/study-stats-types";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings, uniqueName } from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/**
 * Three prompts under AAA and AAB, candidates "a-soup" and "b-multi" against "base", criteria
 * P1 and P2. Crowdworkers: w1 from Prolific, w2 by direct link, w3 from Prolific but excluded.
 * Baseline responses are 100 characters long, soup's 150 and multi's 80.
 */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const crowdworker = await createUser("CROWDWORKER");
  const [w1, w2, w3] = [await createUser("CROWDWORKER"), await createUser("CROWDWORKER"), await createUser("CROWDWORKER")];
  const { promptSet, prompts } = await createPromptSet(3);
  const base = await createSystem(uniqueName("base"));
  const soup = await createSystem(uniqueName("a-soup"));
  const multi = await createSystem(uniqueName("b-multi"));
  const [aaa, aab] = await Promise.all(["AAA", "AAB"].map(findCombination));
  const promptIds = prompts.map((prompt) => prompt.id);

  for (const [system, length] of [[base, 100], [soup, 150], [multi, 80]] as const) {
    const responses = await addResponses({ uploaderId: researcher.id, systemId: system.id, promptIds, combinationId: null });
    await db.response.updateMany({ where: { id: { in: responses.map((response) => response.id) } }, data: { text: "x".repeat(length) } });
  }

  const study = await createStudy({
    actor: researcher,
    input: { ...studySettings({ promptSetId: promptSet.id, baselineSystemId: base.id, candidateSystemIds: [soup.id, multi.id], combinationIds: [aaa.id, aab.id] }), criterionDimensionKeys: ["P1", "P2"] },
  });
  await openStudy({ actor: researcher, studyId: study.id });

  await db.studyParticipation.createMany({
    data: [
      { studyId: study.id, userId: w1.id, prolificStudyId: "prolific-study" },
      { studyId: study.id, userId: w2.id },
      { studyId: study.id, userId: w3.id, prolificStudyId: "prolific-study" },
    ],
  });
  await db.crowdworkerExclusion.create({ data: { studyId: study.id, userId: w3.id, reason: "Failed attention checks.", excludedById: researcher.id } });

  const judge = await db.judge.create({ data: { name: uniqueName("sim judge"), createdById: researcher.id } });
  const judgeVersion = await db.judgeVersion.create({
    data: { judgeId: judge.id, version: 1, baseUrl: "http://127.0.0.1:9/v1", model: "test", apiKeyEnv: "TEST_KEY", temperature: 0.1, maxTokens: 512, verdictMode: "THREE_WAY", orderMode: "BOTH_ORDERS", templates: {} },
  });

  const items = await db.studyItem.findMany({ where: { studyId: study.id }, include: { candidateResponse: true } });
  const item = (prompt: number, combinationId: string, systemId: string) =>
    items.find((candidate) => candidate.promptId === prompts[prompt].id && candidate.combinationId === combinationId && candidate.candidateResponse.systemId === systemId)!.id;
  const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P2A"] } } });
  const sideId = (key: string) => sides.find((side) => side.key === key)!.id;

  const judgments: { studyItemId: string; criterionSideId: string; verdict: Verdict; shownFirst: ComparedSystem; judgeType: "HUMAN" | "SIMULATED"; userId?: string; judgeVersionId?: string; createdAt: Date }[] = [];
  const add = (studyItemId: string, side: string, verdict: Verdict, by: { userId: string } | { judgeVersionId: string }, shownFirst: ComparedSystem = "CANDIDATE", createdAt = "2026-12-01T10:00:00.000Z") =>
    judgments.push({ studyItemId, criterionSideId: sideId(side), verdict, shownFirst, judgeType: "userId" in by ? "HUMAN" : "SIMULATED", ...by, createdAt: new Date(createdAt) });

  const soupQ1 = item(0, aaa.id, soup.id);
  add(soupQ1, "P1A", "CANDIDATE", { userId: w1.id });
  add(soupQ1, "P1A", "CANDIDATE", { userId: w2.id }, "BASELINE");
  add(soupQ1, "P1A", "BASELINE", { userId: w3.id });
  add(soupQ1, "P2A", "TIE", { userId: w1.id });
  add(soupQ1, "P2A", "BASELINE", { userId: w2.id });
  add(item(1, aaa.id, soup.id), "P1A", "BASELINE", { userId: w1.id }, "BASELINE");
  add(item(1, aaa.id, soup.id), "P1A", "CANDIDATE", { userId: w2.id });
  add(item(2, aab.id, soup.id), "P1A", "CANDIDATE", { userId: w2.id }, "CANDIDATE", "2026-12-03T10:00:00.000Z");
  add(item(0, aaa.id, multi.id), "P1A", "BASELINE", { userId: w1.id });
  add(item(0, aaa.id, multi.id), "P1A", "BASELINE", { userId: w2.id });
  add(soupQ1, "P1A", "CANDIDATE", { judgeVersionId: judgeVersion.id }, "CANDIDATE");
  add(soupQ1, "P1A", "CANDIDATE", { judgeVersionId: judgeVersion.id }, "BASELINE");
  add(item(1, aaa.id, soup.id), "P1A", "TIE", { judgeVersionId: judgeVersion.id }, "CANDIDATE");

  // A gold item's judgment must never count.
  const goldItem = item(2, aaa.id, soup.id);
  await db.studyItem.update({ where: { id: goldItem }, data: { kind: "GOLD" } });
  add(goldItem, "P1A", "BASELINE", { userId: w1.id });

  await db.judgment.createMany({ data: judgments });
  return { researcher, crowdworker, w1, w2, w3, study, base, soup, multi, judgeVersion };
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

async function table(filter: Partial<StudyStatsFilter> = {}, options: { rounds?: number; seed?: number } = {}) {
  return getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, filter: { ...DEFAULT_STUDY_STATS_FILTER, ...filter }, rounds: options.rounds ?? 200, seed: options.seed });
}

function candidateRow(result: StudyWinRateTable, judgeKind: "HUMAN" | "SIMULATED", candidate: number) {
  return result.judgeKinds.find((entry) => entry.judgeKind === judgeKind)!.candidates[candidate];
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("getStudyWinRateTable", () => {
  it("computes human cells by hand", async () => {
    const result = await table();
    const soup = candidateRow(result, "HUMAN", 0);
    const [aaa, aab] = soup.combinations;

    expect(result.candidateSystems).toEqual([fixture.soup.name, fixture.multi.name]);
    expect(result.criterionKeys).toEqual(["P1", "P2"]);
    expect(aaa.cells[0]).toMatchObject({ wins: 3, ties: 0, losses: 1, n: 4, winRate: 0.75 });
    expect(aaa.cells[1]).toMatchObject({ wins: 0, ties: 1, losses: 1, n: 2, winRate: 0.25 });
    expect(aaa.mean.winRate).toBe(0.5);
    expect(aab.cells[0]).toMatchObject({ n: 1, winRate: 1 });
    expect(aab.cells[1].winRate).toBeNull();
    expect(aab.mean.winRate).toBe(1);
    expect(soup.overall.winRate).toBe(0.75);
    expect(soup.overall.n).toBe(7);
    expect(soup.overall.interval).not.toBeNull();
  });

  it("shows simulated judgments beside human ones", async () => {
    const result = await table();
    expect(result.judgeKinds.map((entry) => entry.judgeKind)).toEqual(["HUMAN", "SIMULATED"]);
    expect(result.judgeKinds.map((entry) => entry.n)).toEqual([9, 3]);
    expect(candidateRow(result, "SIMULATED", 0).combinations[0].cells[0].winRate).toBeCloseTo(2.5 / 3, 12);
    expect(candidateRow(result, "SIMULATED", 1).overall.winRate).toBeNull();
  });

  it("keeps excluded crowdworkers when asked", async () => {
    const cell = candidateRow(await table({ excludedCrowdworkers: "keep" }), "HUMAN", 0).combinations[0].cells[0];
    expect(cell.n).toBe(5);
    expect(cell.winRate).toBe(0.6);
  });

  it("narrows crowdworkers by pool", async () => {
    const prolific = candidateRow(await table({ pool: "prolific" }), "HUMAN", 0).combinations[0];
    expect(prolific.cells[0]).toMatchObject({ n: 2, winRate: 0.5 });
    expect(prolific.cells[1]).toMatchObject({ n: 1, winRate: 0.5 });

    const direct = await table({ pool: "direct" });
    expect(candidateRow(direct, "HUMAN", 0).combinations[0].cells[0]).toMatchObject({ n: 2, winRate: 1 });
    expect(direct.judgeKinds[1].n).toBe(3);
  });

  it("narrows by date range in UTC", async () => {
    const soup = candidateRow(await table({ to: new Date("2026-12-02T00:00:00Z") }), "HUMAN", 0);
    expect(soup.combinations[1].mean.winRate).toBeNull();
    expect(soup.overall.winRate).toBe(0.5);

    const later = await table({ from: new Date("2026-12-03T10:00:00Z") });
    expect(later.judgeKinds.map((entry) => entry.n)).toEqual([1, 0]);
  });

  it("narrows by judge kind and version", async () => {
    expect((await table({ judgeKind: "human" })).judgeKinds.map((entry) => entry.judgeKind)).toEqual(["HUMAN"]);
    expect((await table({ judgeKind: "simulated", judgeVersionId: "no-such-version" })).judgeKinds[0].n).toBe(0);
    expect((await table({ judgeKind: "simulated", judgeVersionId: fixture.judgeVersion.id })).judgeKinds[0].n).toBe(3);
  });

  it("repeats its intervals for the same seed", async () => {
    expect(await table({}, { seed: 7 })).toEqual(await table({}, { seed: 7 }));
  });

  it("rejects bad settings, other roles and unknown studies", async () => {
    expect((await rejection(table({}, { rounds: 0 }))).message).toMatch(/rounds must be a whole number from 1 to 10000, but got 0/);
    expect((await rejection(getStudyWinRateTable({ actor: fixture.crowdworker, studyId: fixture.study.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(getStudyWinRateTable({ actor: null, studyId: fixture.study.id }))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(getStudyWinRateTable({ actor: fixture.researcher, studyId: "no-such-study" }))).code).toBe("NOT_FOUND");
  });
});

describe("getStudyRatings", () => {
  it("pools kept judgments into the win matrix", async () => {
    const result = await getStudyRatings({ actor: fixture.researcher, studyId: fixture.study.id, minComparisons: 1, rounds: 100 });
    const [base, soup, multi] = [0, 1, 2];

    expect(result.matrix.systems).toEqual([fixture.base.name, fixture.soup.name, fixture.multi.name]);
    expect(result.matrix.cells[soup][base]).toEqual({ wins: 6, ties: 2, losses: 2, n: 10, winRate: 0.7 });
    expect(result.matrix.cells[multi][base]).toMatchObject({ wins: 0, losses: 2, n: 2 });
    expect(result.matrix.cells[soup][multi].n).toBe(0);
  });

  it("rates by Bradley-Terry and flags the winless", async () => {
    const result = await getStudyRatings({ actor: fixture.researcher, studyId: fixture.study.id, minComparisons: 1, rounds: 100 });
    const rating = (name: string) => result.systems.find((system) => system.system === name)!;

    expect(rating(fixture.soup.name).rating! - rating(fixture.base.name).rating!).toBeCloseTo(400 * Math.log10(7 / 3), 6);
    expect(rating(fixture.base.name).isBaseline).toBe(true);
    expect(rating(fixture.multi.name)).toMatchObject({ flag: "noWins", rating: null, comparisons: 2 });
  });

  it("flags every system under the default minimum", async () => {
    const result = await getStudyRatings({ actor: fixture.researcher, studyId: fixture.study.id, rounds: 10 });
    expect(result.minComparisons).toBe(30);
    expect(result.systems.every((system) => system.flag === "tooFewComparisons" && system.rating === null)).toBe(true);
  });

  it("rejects a minimum below one", async () => {
    expect((await rejection(getStudyRatings({ actor: fixture.researcher, studyId: fixture.study.id, minComparisons: 0 }))).code).toBe("INVALID_INPUT");
  });
});

describe("getStudyAgreement", () => {
  it("measures crowdworkers against each other", async () => {
    const { criteria } = await getStudyAgreement({ actor: fixture.researcher, studyId: fixture.study.id });
    const p1 = criteria.find((criterion) => criterion.criterionKey === "P1")!.crowdworkers;

    // P1 units with two ratings: [2 candidate], [1 candidate, 1 baseline], [2 baseline].
    expect(p1).toMatchObject({ units: 3, ratings: 6, raters: 2 });
    expect(p1.fleissKappa).toBeCloseTo(1 / 3, 12);
    expect(p1.pairwiseAgreement).toBeCloseTo(2 / 3, 12);
    // Coincidences: 2 candidate-candidate, 2 baseline-baseline, 1 each way between them.
    expect(p1.krippendorffAlpha).toBeCloseTo(1 - (5 * 2) / 18, 12);
    expect(criteria.find((criterion) => criterion.criterionKey === "P2")!.crowdworkers.units).toBe(1);
  });

  it("compares the judge with the human majority", async () => {
    const { criteria } = await getStudyAgreement({ actor: fixture.researcher, studyId: fixture.study.id });
    const [judge] = criteria.find((criterion) => criterion.criterionKey === "P1")!.judges;

    expect(judge).toMatchObject({ judgeVersionId: fixture.judgeVersion.id, judgeVersion: 1, n: 2, unitsWithoutMajority: 1, percentAgreement: 1 });
    expect(judge.cohenKappa).toBeNull();
  });
});

describe("getStudyBias", () => {
  it("counts first-shown choices per crowdworker and judge", async () => {
    const bias = await getStudyBias({ actor: fixture.researcher, studyId: fixture.study.id });
    const worker = (userId: string) => bias.crowdworkers.find((entry) => entry.userId === userId)!;

    expect(worker(fixture.w1.id)).toMatchObject({ n: 4, choseFirst: 2, choseSecond: 1, ties: 1, share: 0.5 });
    expect(worker(fixture.w2.id)).toMatchObject({ n: 5, choseFirst: 2, choseSecond: 3, ties: 0, share: 0.4 });
    expect(bias.crowdworkers.some((entry) => entry.userId === fixture.w3.id)).toBe(false);
    expect(bias.judges).toHaveLength(1);
    expect(bias.judges[0]).toMatchObject({ n: 3, choseFirst: 1, choseSecond: 1, ties: 1 });
  });

  it("bins win rates by length difference", async () => {
    const bias = await getStudyBias({ actor: fixture.researcher, studyId: fixture.study.id, lengthBinEdges: [-30, 0, 30, 100] });
    const human = bias.length.find((entry) => entry.judgeKind === "HUMAN")!;

    expect(human.bins.map((bin) => bin.n)).toEqual([0, 2, 0, 7, 0]);
    expect(human.bins[1]).toMatchObject({ lower: -30, upper: 0, winRate: 0 });
    expect(human.bins[3].winRate).toBeCloseTo(4.5 / 7, 12);
    expect(human.candidates[0]).toMatchObject({ candidateSystem: fixture.soup.name, n: 7, lengthCoefficient: null });
    expect(human.candidates[0].lengthControlledWinRate).toBeCloseTo(4.5 / 7, 12);
  });

  it("rejects bin edges out of order", async () => {
    expect((await rejection(getStudyBias({ actor: fixture.researcher, studyId: fixture.study.id, lengthBinEdges: [0, -10] }))).code).toBe("INVALID_INPUT");
  });
});
