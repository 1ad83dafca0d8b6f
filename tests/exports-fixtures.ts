import { mkdtempSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll } from "vitest";

import { db } from "@/lib/db/prisma";
import type { ExportManifest } from "@/lib/exports/build-export-manifest";
import type { ExportParameters } from "@/lib/exports/export-parameters";
import type { LabelingOutcome } from "@/lib/generated/prisma/enums";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { executeJudgeRun } from "@/lib/judges/execute-judge-run";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { importLabelingSet } from "@/lib/labeling/import-labeling-set";
import { createAdmin, createTestJudge, shownOutputs } from "@/tests/judges-fixtures";
import { startMockOpenAiServer, type MockOpenAiServer } from "@/tests/support/mock-openai-server";

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

/** One rollout pair of the uploaded file, and the verdict the scripted judge gives it. */
export type RolloutPairFixture = {
  instruction: string;
  input?: string;
  /** Side key such as P1A, or null for the neutral pair without a preference prompt. */
  sideKey: string | null;
  /** Overrides the side's generation prompt, such as a sentence that matches no side. */
  preferencePrompt?: string;
  output1: string;
  output2: string;
  /** The verdict the judge run stores; without one, the mock sends a reply with no result line, so the pair gets no verdict. */
  outcome?: LabelingOutcome;
};

export type ScriptedJudge = {
  judgeVersionId: string;
  server: MockOpenAiServer;
  /**
   * Upload `pairs` as a JSONL file through the labelling-set import, as rollouts or, with
   * `alpacaFarm`, as pairs without preference_prompt. Then run the judge over the set, so each
   * pair with an `outcome` gets that verdict. Pairs without a side are judged on
   * `criterionSideKey` (P1A by default).
   */
  uploadAndLabelSet: (pairs: RolloutPairFixture[], options?: { criterionSideKey?: string; alpacaFarm?: boolean }) => Promise<{ id: string; name: string; runId: string }>;
  /** Script the verdicts of pairs that the test uploads itself. */
  setOutcomes: (pairs: RolloutPairFixture[]) => void;
  /** Run the judge over a labelling set again, on another criterion side for pairs without a side. */
  runJudge: (labelingSetId: string, criterionSideKey: string) => Promise<string>;
  /** Stop the mock server and the job queue connection, and remove the uploaded files. */
  close: () => Promise<void>;
};

/**
 * Create a judge version (both orders, three-way verdicts) on a mock OpenAI-compatible server
 * whose replies follow the outcome scripted for each pair. Call it in beforeAll and `close`
 * in afterAll.
 */
export async function createScriptedJudge(): Promise<ScriptedJudge> {
  const admin = await createAdmin();
  const outcomeByOutputs = new Map<string, LabelingOutcome | undefined>();
  const server = await startMockOpenAiServer((request) => {
    const { outputA, outputB } = shownOutputs(request);
    const swapped = !outcomeByOutputs.has(`${outputA}\u0000${outputB}`);
    const outcome = outcomeByOutputs.get(swapped ? `${outputB}\u0000${outputA}` : `${outputA}\u0000${outputB}`);
    return { content: `Thought: scripted.\n${scriptedResult(outcome, swapped)}` };
  });
  const uploadFolder = mkdtempSync(path.join(os.tmpdir(), "ladle-uploads-"));
  const version = await createTestJudge(admin, server.baseUrl, { orderMode: "BOTH_ORDERS", verdictMode: "THREE_WAY", concurrency: 16, maxAttempts: 1 });
  const sides = await db.side.findMany({ select: { id: true, key: true, generationPrompt: true } });
  const sideByKey = new Map(sides.map((side) => [side.key, side]));

  function setOutcomes(pairs: RolloutPairFixture[]) {
    for (const pair of pairs) {
      outcomeByOutputs.set(`${pair.output1}\u0000${pair.output2}`, pair.outcome);
    }
  }

  async function runJudge(labelingSetId: string, criterionSideKey: string) {
    const criterionSideId = sideByKey.get(criterionSideKey)!.id;
    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId, criterionSideId }, budgetUsd: null });
    await executeJudgeRun({ runId });
    const run = await db.judgeRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "FAILED") {
      throw new Error(`The judge run over labelling set ${labelingSetId} failed: ${run.error}`);
    }
    return runId;
  }

  async function uploadAndLabelSet(pairs: RolloutPairFixture[], options: { criterionSideKey?: string; alpacaFarm?: boolean } = {}) {
    const rows = pairs.map((pair) => ({
      instruction: pair.instruction,
      input: pair.input ?? "",
      ...(options.alpacaFarm ? {} : { preference_prompt: pair.preferencePrompt ?? (pair.sideKey === null ? "" : sideByKey.get(pair.sideKey)!.generationPrompt) }),
      output_1: pair.output1,
      output_2: pair.output2,
    }));
    setOutcomes(pairs);

    const name = uniqueName("rollouts");
    const filePath = path.join(uploadFolder, `${name}.jsonl`);
    await writeFile(filePath, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
    const report = await importLabelingSet({ actor: admin, fileName: path.basename(filePath), content: await readFile(filePath, "utf8"), name });

    const runId = await runJudge(report.labelingSetId!, options.criterionSideKey ?? "P1A");
    return { id: report.labelingSetId!, name, runId };
  }

  async function close() {
    await server.close();
    await (await getJobBoss()).stop({ graceful: false });
    await rm(uploadFolder, { recursive: true, force: true });
  }

  return { judgeVersionId: version.id, server, uploadAndLabelSet, setOutcomes, runJudge, close };
}

/** Build the result line that gives `outcome` for a pair shown in its uploaded order, or swapped. */
function scriptedResult(outcome: LabelingOutcome | undefined, swapped: boolean): string {
  switch (outcome) {
    case "FIRST":
      return swapped ? "Result: Output (b)" : "Result: Output (a)";
    case "SECOND":
      return swapped ? "Result: Output (a)" : "Result: Output (b)";
    case "TIE":
      return "Result: TIE";
    case "INCONSISTENT":
      return "Result: Output (a)";
    case undefined:
      return "No verdict for this pair.";
  }
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
