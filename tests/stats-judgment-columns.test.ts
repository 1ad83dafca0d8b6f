import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { markGoldItem } from "@/lib/quality/mark-gold-item";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings, uniqueName } from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/** Two prompts under AAA, candidate "cand" (responses of 130 characters) against "base" (100), criterion P1. */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const worker = await createUser("CROWDWORKER");
  const { promptSet, prompts } = await createPromptSet(2);
  const base = await createSystem(uniqueName("base"));
  const candidate = await createSystem(uniqueName("cand"));
  const aaa = await findCombination("AAA");
  const promptIds = prompts.map((prompt) => prompt.id);

  for (const [system, length] of [[base, 100], [candidate, 130]] as const) {
    const responses = await addResponses({ uploaderId: researcher.id, systemId: system.id, promptIds, combinationId: null });
    await db.response.updateMany({ where: { id: { in: responses.map((response) => response.id) } }, data: { text: "x".repeat(length) } });
  }

  const study = await createStudy({
    actor: researcher,
    input: { ...studySettings({ promptSetId: promptSet.id, baselineSystemId: base.id, candidateSystemIds: [candidate.id], combinationIds: [aaa.id] }), criterionDimensionKeys: ["P1"] },
  });
  await openStudy({ actor: researcher, studyId: study.id });

  const items = await db.studyItem.findMany({ where: { studyId: study.id, kind: "REGULAR" }, include: { candidateResponse: true }, orderBy: { promptId: "asc" } });
  const side = await db.side.findUniqueOrThrow({ where: { key: "P1A" } });
  return { researcher, worker, study, candidate, aaa, items, sideId: side.id };
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

async function judge(studyItemId: string, verdict: "CANDIDATE" | "TIE" | "BASELINE") {
  return db.judgment.create({
    data: { studyItemId, criterionSideId: fixture.sideId, verdict, shownFirst: "CANDIDATE", judgeType: "HUMAN", userId: fixture.worker.id },
  });
}

async function humanCell() {
  const table = await getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, rounds: 10 });
  return table.judgeKinds.find((entry) => entry.judgeKind === "HUMAN")!.candidates[0].combinations[0].cells[0];
}

describe("judgment statistics columns", () => {
  it("are filled on insert from the item", async () => {
    const item = fixture.items[0];
    const judgment = await judge(item.id, "CANDIDATE");

    expect(judgment.studyId).toBe(fixture.study.id);
    expect(judgment.studyItemKind).toBe("REGULAR");
    expect(judgment.promptId).toBe(item.promptId);
    expect(judgment.combinationId).toBe(fixture.aaa.id);
    expect(judgment.candidateSystemId).toBe(fixture.candidate.id);
    expect(judgment.lengthDifference).toBe(30);
  });

  it("are filled for raw SQL inserts", async () => {
    const item = fixture.items[1];
    await db.$executeRaw`
      INSERT INTO "Judgment" ("id", "studyItemId", "judgeType", "userId", "criterionSideId", "verdict", "shownFirst")
      VALUES (${uniqueName("raw-judgment")}, ${item.id}, 'HUMAN', ${fixture.worker.id}, ${fixture.sideId}, 'BASELINE', 'BASELINE')
    `;

    const stored = await db.judgment.findFirstOrThrow({ where: { studyItemId: item.id, verdict: "BASELINE" } });
    expect(stored.studyId).toBe(fixture.study.id);
    expect(stored.promptId).toBe(item.promptId);
    expect(stored.lengthDifference).toBe(30);
  });

  it("follow an item marked as gold", async () => {
    const item = fixture.items[1];
    expect((await humanCell()).n).toBe(2);

    await markGoldItem({ actor: fixture.researcher, studyId: fixture.study.id, input: { studyItemId: item.id, expectedVerdicts: { P1: "BASELINE" } } });

    const stored = await db.judgment.findMany({ where: { studyItemId: item.id } });
    expect(stored.map((judgment) => judgment.studyItemKind)).toEqual(["GOLD"]);
    const cell = await humanCell();
    expect(cell.n).toBe(1);
    expect(cell.wins).toBe(1);
  });

  it("follow a changed response text", async () => {
    const item = fixture.items[0];
    await db.response.update({ where: { id: item.candidateResponseId }, data: { text: "x".repeat(90) } });

    const stored = await db.judgment.findMany({ where: { studyItemId: item.id } });
    expect(stored.map((judgment) => judgment.lengthDifference)).toEqual([-10]);
  });
});
