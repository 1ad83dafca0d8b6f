import { readFile } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { createDataExport } from "@/lib/exports/create-data-export";
import { exportQueue } from "@/lib/exports/export-queue";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import type { JobQueue } from "@/lib/jobs/job-queues";
import { judgeRunQueue } from "@/lib/judges/judge-run-queue";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { importLabelingSet } from "@/lib/labeling/import-labeling-set";
import { startTrainingJob } from "@/lib/training/start-training-job";
import { trainingCommandQueue } from "@/lib/training/training-queues";

import { createScriptedJudge, readJsonLines, readManifest, type RolloutPairFixture, type ScriptedJudge } from "./exports-fixtures";
import { createUser, ensurePreferences, uniqueName } from "./studies-fixtures";
import { createBackend, useTemporaryTrainingFolders } from "./training-fixtures";

const PROMPT_COUNT = 6;

let folders: Awaited<ReturnType<typeof useTemporaryTrainingFolders>>;
let judge: ScriptedJudge;
let admin: Awaited<ReturnType<typeof createUser>>;
let researcher: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  folders = await useTemporaryTrainingFolders();
  await ensurePreferences();
  admin = await createUser("ADMIN");
  researcher = await createUser("RESEARCHER");
  judge = await createScriptedJudge();
});

afterAll(async () => {
  await judge.close();
  await folders.remove();
});

/**
 * Find the one pg-boss job the product sent for `match`, take it off the queue and run it with
 * the worker's handler for that queue. Test files share one database, and some start worker
 * processes, so cancelling the job first keeps those workers from running it at the same time.
 */
async function runQueuedJob<Data extends object>(queue: JobQueue<Data>, match: { key: string } | { data: Partial<Data> }) {
  const boss = await getJobBoss();
  const [job, ...others] = await boss.findJobs<Data>(queue.name, "key" in match ? { key: match.key } : { data: match.data });
  expect(others).toEqual([]);
  expect(job.state).toBe("created");

  await boss.cancel(queue.name, job.id);
  const [cancelled] = await boss.findJobs<Data>(queue.name, { id: job.id });
  expect(cancelled.state).toBe("cancelled");
  await queue.handle(job.data, job.id);
}

describe("labelling set to trained reward model", () => {
  it("trains on the exact exported rows", async () => {
    const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P1B"] } } });
    const sentence = (key: string) => sides.find((side) => side.key === key)!.generationPrompt;
    const pairs: RolloutPairFixture[] = [];
    for (let index = 0; index < PROMPT_COUNT; index += 1) {
      const instruction = `How do tides work, part ${index}?`;
      pairs.push({ instruction, sideKey: null, output1: `neutral ${index}`, output2: `neutral b ${index}` });
      pairs.push({ instruction, sideKey: "P1A", output1: `simple ${index}`, output2: `simple b ${index}`, outcome: "FIRST" });
      pairs.push({ instruction, sideKey: "P1B", output1: `expert ${index}`, output2: `expert b ${index}`, outcome: "SECOND" });
    }

    // Upload the rollouts as an admin would, from a JSONL file in the rollout format.
    const rows = pairs.map((pair) => ({
      instruction: pair.instruction,
      input: "",
      preference_prompt: pair.sideKey ? sentence(pair.sideKey) : "",
      output_1: pair.output1,
      output_2: pair.output2,
    }));
    judge.setOutcomes(pairs);
    const report = await importLabelingSet({
      actor: admin,
      fileName: "tides-rollouts.jsonl",
      content: `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`,
      name: uniqueName("tides"),
    });
    const labelingSetId = report.labelingSetId!;
    expect(report.pairCount).toBe(PROMPT_COUNT * 3);

    // Label it with the judge on the mock OpenAI-compatible server.
    const criterionSideId = sides.find((side) => side.key === "P1A")!.id;
    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: judge.judgeVersionId, target: { labelingSetId, criterionSideId }, budgetUsd: null });
    await runQueuedJob(judgeRunQueue, { key: runId });
    expect((await db.judgeRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETE");
    // Judge runs skip the neutral rollouts, so only the P1A and P1B pairs get verdicts.
    expect(await db.labelingVerdict.count({ where: { judgeVersionId: judge.judgeVersionId, pair: { labelingSetId } } })).toBe(PROMPT_COUNT * 2);

    // Export a multitask TRL reward-model set through the export job.
    const queuedExport = await createDataExport({
      actor: researcher,
      input: { kind: "reward-model", format: "trl", labelingSetId, judgeVersionId: judge.judgeVersionId, seed: 5, evalFraction: 0.3 },
    });
    await runQueuedJob(exportQueue, { key: queuedExport.id });
    const dataExport = await db.dataExport.findUniqueOrThrow({ where: { id: queuedExport.id } });
    expect(dataExport.status).toBe("COMPLETE");
    const manifest = await readManifest(folders.exportDirectory, dataExport.id);
    expect(dataExport.rowsWritten).toBe(PROMPT_COUNT * 8);
    expect(manifest.files.map((file) => file.name)).toEqual(["eval.jsonl", "train.jsonl"]);
    const [firstRow] = await readJsonLines(path.join(folders.exportDirectory, dataExport.id, "train.jsonl"));
    expect(firstRow).toMatchObject({ prompt: expect.stringMatching(/^How do tides work, part \d\?/) });

    // Train a reward model on the export with the COMMAND backend.
    const trainer = path.resolve("tests/pipeline-trainer.mjs");
    const backend = await createBackend("COMMAND", { commandTemplate: `${process.execPath} ${trainer} --dataset {dataset} --output {output} --spec {spec}` }, admin.id);
    const systemName = uniqueName("tides-reward-model");
    const trainingJob = await startTrainingJob({
      actor: admin,
      input: { name: uniqueName("rm"), kind: "REWARD_MODEL", backendId: backend.id, datasetExportId: dataExport.id, baseModel: "huggyllama/llama-7b", systemName, parameters: "{}" },
    });
    await runQueuedJob(trainingCommandQueue, { data: { trainingJobId: trainingJob.id } });

    const trained = await db.trainingJob.findUniqueOrThrow({ where: { id: trainingJob.id }, include: { artifact: { include: { system: true } } } });
    expect(trained.error).toBeNull();
    expect(trained.status).toBe("SUCCEEDED");
    expect(trained.logs).toContain("saved adapter");
    expect(trained.artifact?.system.name).toBe(systemName);
    expect(trained.artifact?.kind).toBe("REWARD_MODEL");
    expect(trained.artifact?.uri).toBe(trained.outputUri);

    const adapter = JSON.parse(await readFile(path.join(trained.outputUri!, "adapter_config.json"), "utf8")) as {
      manifest_sha256: string;
      files: { name: string; rows: number; sha256: string }[];
    };
    expect(adapter.manifest_sha256).toBe(dataExport.sha256);
    expect(adapter.files).toEqual(manifest.files.map((file) => ({ name: file.name, rows: file.rows, sha256: file.sha256 })));
    expect(adapter.files.reduce((sum, file) => sum + file.rows, 0)).toBe(dataExport.rowsWritten);
  });
});
