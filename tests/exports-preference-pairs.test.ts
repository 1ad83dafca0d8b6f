import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { runDataExport } from "@/lib/exports/run-data-export";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { readJsonLines, readManifest, storeQueuedExport, createTemporaryExportDirectory } from "./exports-fixtures";
import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings } from "./studies-fixtures";

type PairRow = Record<string, string | null>;

const exportDirectory = createTemporaryExportDirectory();
let researcher: Awaited<ReturnType<typeof createUser>>;
let studyId: string;
let candidateText: string;
let baselineText: string;
let sentences: string[];

/**
 * One item under ABA. Kept crowdworker: P1 candidate, P2 baseline, P3 tie. Excluded
 * crowdworker: P1 baseline. One simulated judgment, which is no human preference.
 */
beforeAll(async () => {
  await ensurePreferences();
  researcher = await createUser("RESEARCHER");
  const keptCrowdworker = await createUser("CROWDWORKER");
  const excluded = await createUser("CROWDWORKER");
  const { promptSet, prompts } = await createPromptSet(1);
  const baseline = await createSystem();
  const candidate = await createSystem();
  const aba = await findCombination("ABA");
  const [baselineResponse] = await addResponses({ uploaderId: researcher.id, systemId: baseline.id, promptIds: [prompts[0].id], combinationId: null });
  const [candidateResponse] = await addResponses({ uploaderId: researcher.id, systemId: candidate.id, promptIds: [prompts[0].id], combinationId: null });
  candidateText = candidateResponse.text;
  baselineText = baselineResponse.text;

  const study = await createStudy({
    actor: researcher,
    input: studySettings({ promptSetId: promptSet.id, baselineSystemId: baseline.id, candidateSystemIds: [candidate.id], combinationIds: [aba.id] }),
  });
  studyId = study.id;
  await openStudy({ actor: researcher, studyId });
  const item = await db.studyItem.findFirstOrThrow({ where: { studyId } });
  const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P2B", "P3A"] } }, orderBy: { key: "asc" } });
  sentences = sides.map((side) => side.generationPrompt);
  const sideId = (key: string) => sides.find((side) => side.key === key)!.id;

  const judge = (userId: string | null, sideKey: string, verdict: "CANDIDATE" | "TIE" | "BASELINE") =>
    db.judgment.create({
      data: { studyItemId: item.id, criterionSideId: sideId(sideKey), verdict, shownFirst: "CANDIDATE", judgeType: userId ? "HUMAN" : "SIMULATED", userId },
    });
  await judge(keptCrowdworker.id, "P1A", "CANDIDATE");
  await judge(keptCrowdworker.id, "P2B", "BASELINE");
  await judge(keptCrowdworker.id, "P3A", "TIE");
  await judge(excluded.id, "P1A", "BASELINE");
  await judge(null, "P1A", "CANDIDATE");
  await db.crowdworkerExclusion.create({ data: { studyId, userId: excluded.id, reason: "Too fast", excludedById: researcher.id } });
});

describe("preference-pair export", () => {
  it("writes chosen and rejected from human verdicts", async () => {
    const stored = await storeQueuedExport(researcher.id, { kind: "preference-pairs", format: "trl", studyId, seed: 0, evalFraction: 0 });
    await runDataExport({ exportId: stored.id });
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, stored.id, "train.jsonl"));
    const prompt = await db.prompt.findFirstOrThrow({ where: { promptSet: { studies: { some: { id: studyId } } } } });

    expect(rows).toHaveLength(2);
    const [won, lost] = [rows.find((row) => row.criterion_side_key === "P1A")!, rows.find((row) => row.criterion_side_key === "P2B")!];
    expect(won).toMatchObject({ chosen: candidateText, rejected: baselineText, comparison: "human_judgment", combination: "ABA" });
    expect(lost).toMatchObject({ chosen: baselineText, rejected: candidateText });
    expect(won.prompt).toBe(`${prompt.text} ${sentences.join(" ")}`);
  });

  it("counts ties and excluded crowdworkers", async () => {
    const stored = await storeQueuedExport(researcher.id, { kind: "preference-pairs", format: "trl", studyId, seed: 0, evalFraction: 0 });
    await runDataExport({ exportId: stored.id });
    const manifest = await readManifest(exportDirectory, stored.id);
    const finished = await db.dataExport.findUniqueOrThrow({ where: { id: stored.id } });

    expect(manifest.counts).toEqual({ humanJudgments: 4, rowsWritten: 2, trainRows: 2, evalRows: 0, skippedTie: 1, skippedExcludedCrowdworker: 1 });
    expect(finished.rowsTotal).toBe(4);
    expect(finished.rowsWritten).toBe(2);
  });
});
