import { mkdtempSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll } from "vitest";

import { db } from "@/lib/db/prisma";
import type { ExportManifest } from "@/lib/exports/build-export-manifest";
import type { ExportParameters } from "@/lib/exports/export-parameters";
import type { LabelingOutcome } from "@/lib/generated/prisma/enums";

import { uniqueName } from "./studies-fixtures";

/**
 * Point EXPORT_DIR at a fresh temporary folder for this test file and return it. Call it at
 * the top level of the file, where it can register the removal of the folder after all tests.
 */
export function createTemporaryExportDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), "ladle-exports-"));
  process.env.EXPORT_DIR = directory;
  afterAll(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

/**
 * Store a QUEUED export without sending a job, so the test runs it itself and no worker of
 * another test file picks it up.
 */
export async function storeQueuedExport(createdById: string, parameters: ExportParameters) {
  return db.dataExport.create({
    data: {
      kind: parameters.kind,
      format: parameters.format,
      studyId: "studyId" in parameters ? parameters.studyId : null,
      labelingSetId: "labelingSetId" in parameters ? parameters.labelingSetId : null,
      parameters,
      createdById,
    },
  });
}

export async function readManifest(exportDirectory: string, exportId: string): Promise<ExportManifest> {
  return JSON.parse(await readFile(path.join(exportDirectory, exportId, "manifest.json"), "utf8")) as ExportManifest;
}

export async function readJsonLines<Row = Record<string, unknown>>(filePath: string): Promise<Row[]> {
  const text = await readFile(filePath, "utf8");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Row);
}

export async function listFolder(directory: string): Promise<string[]> {
  return (await readdir(directory)).sort();
}

export async function createJudgeVersion(createdById: string) {
  const judge = await db.judge.create({ data: { name: uniqueName("judge"), createdById } });
  return db.judgeVersion.create({
    data: {
      judgeId: judge.id,
      version: 1,
      baseUrl: "http://127.0.0.1:9/v1",
      model: "judge-model-test",
      apiKeyEnv: "TEST_JUDGE_API_KEY",
      temperature: 1,
      maxTokens: 512,
      verdictMode: "BINARY",
      orderMode: "BOTH_ORDERS",
      templates: {},
    },
  });
}

/** One uploaded rollout pair, and the judge's verdict on it when `outcome` is given. */
export type RolloutPairFixture = {
  instruction: string;
  input?: string;
  /** Side key such as P1A, or null for the neutral pair without a preference prompt. */
  sideKey: string | null;
  /** Overrides the side's generation prompt, such as a sentence that matches no side. */
  preferencePrompt?: string;
  output1: string;
  output2: string;
  outcome?: LabelingOutcome;
};

/**
 * Store a ROLLOUT labelling set with its pairs and verdicts directly in the database.
 * NOTE: replaces the labelling-set upload, which does not exist yet. Switch to the upload once it does.
 */
export async function createRolloutLabelingSet(options: { createdById: string; judgeVersionId: string; pairs: RolloutPairFixture[] }) {
  const sides = await db.side.findMany({ select: { id: true, key: true, generationPrompt: true } });
  const sideByKey = new Map(sides.map((side) => [side.key, side]));
  const name = uniqueName("rollouts");
  const labelingSet = await db.labelingSet.create({ data: { name, sourceFileName: `${name}.jsonl`, format: "ROLLOUT", createdById: options.createdById } });

  for (const [index, pair] of options.pairs.entries()) {
    const side = pair.sideKey === null ? null : sideByKey.get(pair.sideKey)!;
    const stored = await db.labelingPair.create({
      data: {
        labelingSetId: labelingSet.id,
        position: index + 1,
        instruction: pair.instruction,
        input: pair.input ?? "",
        preferencePrompt: pair.preferencePrompt ?? side?.generationPrompt ?? "",
        sideId: side?.id ?? null,
        output1: pair.output1,
        output2: pair.output2,
      },
    });
    if (pair.outcome) {
      await db.labelingVerdict.create({ data: { pairId: stored.id, judgeVersionId: options.judgeVersionId, outcome: pair.outcome } });
    }
  }
  return labelingSet;
}

/**
 * Insert `count` human judgments on one item in a single statement, for exports large enough
 * to watch progress or interrupt. Verdicts cycle CANDIDATE, TIE, BASELINE.
 */
export async function insertBulkJudgments(options: { studyItemId: string; userId: string; criterionSideId: string; count: number }) {
  await db.$executeRaw`
    insert into "Judgment" (id, "studyItemId", "judgeType", "userId", "criterionSideId", verdict, "shownFirst", "createdAt")
    select 'bulk-' || ${options.studyItemId} || '-' || lpad(g::text, 8, '0'), ${options.studyItemId}, 'HUMAN', ${options.userId},
           ${options.criterionSideId}, (array['CANDIDATE', 'TIE', 'BASELINE'])[1 + g % 3]::"Verdict",
           (array['CANDIDATE', 'BASELINE'])[1 + g % 2]::"ComparedSystem", now()
    from generate_series(1, ${options.count}::int) as g`;
}
