import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { JUDGMENT_CSV_COLUMNS, streamJudgmentsCsv } from "@/lib/exports/stream-judgments-csv";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import {
  addResponses,
  createPromptSet,
  createSystem,
  createUser,
  ensurePreferences,
  findCombination,
  studySettings,
  uniqueName,
} from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/**
 * Two prompts under AAA and AAB, so four items. Human verdicts on prompt 1 under AAA:
 * P1 candidate, P2 tie, P3 baseline; on prompt 2 under AAA: P1 candidate. One simulated
 * verdict on prompt 1 under AAB: P1 candidate.
 */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const crowdworker = await createUser("CROWDWORKER");
  const { promptSet, prompts } = await createPromptSet(2, `${uniqueName("koala")} "eval", v2\nfinal`);
  const baseline = await createSystem(uniqueName("base, instruct"));
  const soup = await createSystem(uniqueName('p-soup "merged"'));
  const [aaa, aab] = await Promise.all(["AAA", "AAB"].map(findCombination));
  const promptIds = prompts.map((prompt) => prompt.id);

  await addResponses({ uploaderId: researcher.id, systemId: baseline.id, promptIds, combinationId: null });
  await addResponses({ uploaderId: researcher.id, systemId: soup.id, promptIds, combinationId: null });

  const study = await createStudy({
    actor: researcher,
    input: studySettings({ promptSetId: promptSet.id, baselineSystemId: baseline.id, candidateSystemIds: [soup.id], combinationIds: [aaa.id, aab.id] }),
  });
  await openStudy({ actor: researcher, studyId: study.id });

  const items = await db.studyItem.findMany({ where: { studyId: study.id } });
  const item = (promptIndex: number, combinationId: string) =>
    items.find((candidate) => candidate.promptId === prompts[promptIndex].id && candidate.combinationId === combinationId)!;
  const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P2A", "P3A"] } } });
  const side = (key: string) => sides.find((candidate) => candidate.key === key)!;

  const judge = (studyItemId: string, sideKey: string, verdict: Verdict, createdAt: string, human = true) =>
    db.judgment.create({
      data: {
        studyItemId,
        criterionSideId: side(sideKey).id,
        verdict,
        shownFirst: verdict === "BASELINE" ? "BASELINE" : "CANDIDATE",
        judgeType: human ? "HUMAN" : "SIMULATED",
        userId: human ? crowdworker.id : null,
        createdAt: new Date(createdAt),
      },
    });
  const judgments = [
    await judge(item(0, aaa.id).id, "P1A", "CANDIDATE", "2026-12-01T10:00:00.000Z"),
    await judge(item(0, aaa.id).id, "P2A", "TIE", "2026-12-01T10:00:01.000Z"),
    await judge(item(0, aaa.id).id, "P3A", "BASELINE", "2026-12-01T10:00:02.000Z"),
    await judge(item(1, aaa.id).id, "P1A", "CANDIDATE", "2026-12-01T10:05:00.000Z"),
    await judge(item(0, aab.id).id, "P1A", "CANDIDATE", "2026-12-01T11:00:00.000Z", false),
  ];

  return { researcher, crowdworker, promptSet, prompts, baseline, soup, study, judgments, side };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function exportCsv(batchSize?: number): Promise<string> {
  const stream = await streamJudgmentsCsv({ actor: fixture.researcher, studyId: fixture.study.id, batchSize });
  return new Response(stream).text();
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

describe("streamJudgmentsCsv", () => {
  it("writes a header and one row per judgment", async () => {
    const parsed = Papa.parse<Record<string, string>>(await exportCsv(), { header: true, skipEmptyLines: true });

    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...JUDGMENT_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(5);

    const first = parsed.data.find((row) => row.created_at === "2026-12-01T10:00:00.000Z")!;
    expect(first).toEqual({
      study_id: fixture.study.id,
      item_id: fixture.judgments[0].studyItemId,
      prompt_external_id: "q1",
      prompt_set: fixture.promptSet.name,
      combination: "AAA",
      combination_side_keys: "P1A+P2A+P3A",
      criterion_side_key: "P1A",
      judge_criterion: fixture.side("P1A").judgeCriterion,
      candidate_system: fixture.soup.name,
      baseline_system: fixture.baseline.name,
      shown_first: "CANDIDATE",
      verdict: "CANDIDATE",
      judge_type: "HUMAN",
      crowdworker_pseudonym: fixture.crowdworker.pseudonym,
      created_at: "2026-12-01T10:00:00.000Z",
      excluded: "false",
    });

    const simulated = parsed.data.find((row) => row.judge_type === "SIMULATED")!;
    expect(simulated.crowdworker_pseudonym).toBe("");
    expect(simulated.combination).toBe("AAB");
  });

  it("quotes commas, quotes and newlines", async () => {
    const csv = await exportCsv();
    const quotedSet = `"${fixture.promptSet.name.replaceAll('"', '""')}"`;

    expect(fixture.promptSet.name).toContain("\n");
    expect(csv).toContain(quotedSet);
    expect(csv).toContain(`"${fixture.baseline.name}"`);
    expect(csv).toContain(`"${fixture.soup.name.replaceAll('"', '""')}"`);
  });

  it("never writes the participant id", async () => {
    expect(await exportCsv()).not.toContain(fixture.crowdworker.participantId!);
  });

  it("gives the same rows in small batches", async () => {
    expect(await exportCsv(2)).toBe(await exportCsv());
  });

  it("writes only the header for a study without judgments", async () => {
    const study = await createStudy({
      actor: fixture.researcher,
      input: studySettings({
        promptSetId: fixture.promptSet.id,
        baselineSystemId: fixture.baseline.id,
        candidateSystemIds: [fixture.soup.id],
        combinationIds: [(await findCombination("BBB")).id],
      }),
    });
    const csv = await new Response(await streamJudgmentsCsv({ actor: fixture.researcher, studyId: study.id })).text();
    expect(csv).toBe(`${JUDGMENT_CSV_COLUMNS.join(",")}\r\n`);
  });

  it("rejects crowdworkers, signed-out callers and unknown studies", async () => {
    expect((await rejection(streamJudgmentsCsv({ actor: fixture.crowdworker, studyId: fixture.study.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(streamJudgmentsCsv({ actor: null, studyId: fixture.study.id }))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(streamJudgmentsCsv({ actor: fixture.researcher, studyId: "no-such-study" }))).code).toBe("NOT_FOUND");
  });
});

describe("getStudyWinRateTable on this study", () => {
  const readKind = async (judgeKind: "human" | "simulated", convention?: "strict") => {
    const table = await getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, filter: { ...DEFAULT_STUDY_STATS_FILTER, judgeKind }, convention });
    return { table, winRates: table.judgeKinds[0] };
  };

  it("computes human win rates per combination and criterion", async () => {
    const { table, winRates } = await readKind("human");

    expect(table.baselineSystem).toBe(fixture.baseline.name);
    expect(table.criterionKeys).toEqual(["P1", "P2", "P3"]);
    expect(winRates.candidates).toHaveLength(1);

    const [aaa, aab] = winRates.candidates[0].combinations;
    expect(aaa.combinationName).toBe("AAA");
    expect(aaa.cells.map((cell) => [cell.criterionKey, cell.winRate, cell.n])).toEqual([
      ["P1", 1, 2],
      ["P2", 0.5, 1],
      ["P3", 0, 1],
    ]);
    expect(aaa.mean.winRate).toBeCloseTo(0.5, 10);
    expect(aab.combinationName).toBe("AAB");
    expect(aab.mean).toMatchObject({ winRate: null, cellsCovered: 0, cellsTotal: 3 });
    expect(winRates.candidates[0].overall).toMatchObject({ winRate: 0.5, cellsCovered: 1, cellsTotal: 2 });
  });

  it("reads simulated judgments apart from human ones", async () => {
    const { winRates } = await readKind("simulated");
    const [aaa, aab] = winRates.candidates[0].combinations;

    expect(winRates.judgeKind).toBe("SIMULATED");
    expect(aaa.mean.winRate).toBeNull();
    expect(aab.cells[0]).toMatchObject({ criterionKey: "P1", wins: 1, n: 1, winRate: 1 });
  });

  it("applies the requested tie convention", async () => {
    const { winRates } = await readKind("human", "strict");
    expect(winRates.candidates[0].combinations[0].cells[1].winRate).toBe(0);
  });

  it("rejects a crowdworker", async () => {
    expect((await rejection(getStudyWinRateTable({ actor: fixture.crowdworker, studyId: fixture.study.id }))).code).toBe("FORBIDDEN");
  });
});
