import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { cancelTrainingJob } from "@/lib/training/cancel-training-job";
import { listTrainingFormOptions } from "@/lib/training/list-training-form-options";
import { retryTrainingJob } from "@/lib/training/retry-training-job";
import { runTrainingJob } from "@/lib/training/run-training-job";
import { startTrainingJob, type StartTrainingJobInput } from "@/lib/training/start-training-job";

import { uniqueName } from "./studies-fixtures";
import { createAdmin, createBackend, createTrlExport, isProcessAlive, stopJobBoss, TRL_ROWS, trainerSettings, useTemporaryTrainingFolders, waitFor } from "./training-fixtures";

let removeFolders: () => Promise<void>;
let admin: Awaited<ReturnType<typeof createAdmin>>;
let backendId: string;
let exportId: string;
let datasetSha256: string;

beforeAll(async () => {
  ({ remove: removeFolders } = await useTemporaryTrainingFolders());
  admin = await createAdmin();
  backendId = (await createBackend("COMMAND", trainerSettings(), admin.id)).id;
  const fixture = await createTrlExport({ createdById: admin.id });
  exportId = fixture.dataExport.id;
  datasetSha256 = fixture.sha256;
});

afterAll(async () => {
  await stopJobBoss();
  await removeFolders();
});

function jobInput(overrides: Partial<StartTrainingJobInput> = {}): StartTrainingJobInput {
  return {
    name: uniqueName("rm"),
    kind: "REWARD_MODEL",
    backendId,
    datasetExportId: exportId,
    baseModel: "huggyllama/llama-7b",
    systemName: uniqueName("reward-model"),
    parameters: '{"mode": "succeed"}',
    ...overrides,
  };
}

async function startAndRun(overrides: Partial<StartTrainingJobInput> = {}) {
  const job = await startTrainingJob({ actor: admin, input: jobInput(overrides) });
  await runTrainingJob({ trainingJobId: job.id, attempt: 1 });
  return db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { artifact: { include: { system: true } } } });
}

describe("command backend", () => {
  it("trains on the export and registers the artifact", async () => {
    const job = await startAndRun();

    expect(job.status).toBe("SUCCEEDED");
    expect(job.exitCode).toBe(0);
    expect(job.logs).toContain(`step 1 loss 0.69 on ${TRL_ROWS.length} rows`);
    expect(job.logs).toContain("saved adapter");
    expect(job.artifact?.uri).toBe(job.outputUri);
    expect(job.artifact?.system.name).toBe(job.systemName);
    expect(job.artifact?.baseModel).toBe("huggyllama/llama-7b");

    const adapter = JSON.parse(await readFile(path.join(job.outputUri!, "adapter_config.json"), "utf8"));
    expect(adapter.rows).toBe(TRL_ROWS.length);
    expect(adapter.dataset_sha256).toBe(datasetSha256);
    expect(await readFile(job.logPath!, "utf8")).toContain("saved adapter");
  });

  it("records a failing exit code and logs", async () => {
    const job = await startAndRun({ parameters: '{"mode": "fail"}' });

    expect(job.status).toBe("FAILED");
    expect(job.exitCode).toBe(3);
    expect(job.error).toContain("exited with code 3");
    expect(job.logs).toContain("loss is NaN at step 3");
    expect(job.artifact).toBeNull();
    expect(await db.system.findUnique({ where: { name: job.systemName } })).toBeNull();
  });

  it("fails a run that wrote no output", async () => {
    const job = await startAndRun({ parameters: '{"mode": "empty"}' });

    expect(job.status).toBe("FAILED");
    expect(job.error).toContain("wrote nothing");
  });

  it("passes shell characters as one literal argument", async () => {
    const fixture = await createTrlExport({ createdById: admin.id, fileName: "data $(touch pwned) ; echo x.jsonl" });
    const job = await startAndRun({ datasetExportId: fixture.dataExport.id });

    expect(job.status).toBe("SUCCEEDED");
    const argv = JSON.parse(await readFile(path.join(job.outputUri!, "argv.json"), "utf8")) as string[];
    expect(argv[argv.indexOf("--dataset") + 1]).toBe(fixture.absolutePath);
    expect(existsSync("pwned")).toBe(false);
    expect(existsSync(path.join(path.dirname(fixture.absolutePath), "pwned"))).toBe(false);
  });

  it("fails when the export file is missing", async () => {
    const fixture = await createTrlExport({ createdById: admin.id });
    await db.dataExport.update({ where: { id: fixture.dataExport.id }, data: { filePath: `${fixture.dataExport.filePath}.gone` } });
    const job = await startAndRun({ datasetExportId: fixture.dataExport.id });

    expect(job.status).toBe("FAILED");
    expect(job.error).toContain("is missing on this worker");
  });

  it("cancel kills the process group", async () => {
    const job = await startTrainingJob({ actor: admin, input: jobInput({ parameters: '{"mode": "hang"}' }) });
    const running = runTrainingJob({ trainingJobId: job.id, attempt: 1 });

    const pidsPath = await waitFor(async () => {
      const current = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      const candidate = current.outputUri ? path.join(current.outputUri, "pids.json") : null;
      return current.status === "RUNNING" && candidate && existsSync(candidate) ? candidate : null;
    });
    const pids = JSON.parse(await readFile(pidsPath, "utf8")) as { trainer: number; child: number };
    expect(await isProcessAlive(pids.child)).toBe(true);

    expect((await cancelTrainingJob({ actor: admin, jobId: job.id })).status).toBe("CANCELLING");
    await running;

    const cancelled = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.logs).toContain("waiting for a signal");
    expect(await isProcessAlive(pids.trainer)).toBe(false);
    await waitFor(async () => !(await isProcessAlive(pids.child)), 5_000);
  });

  it("cancels a queued job before it starts", async () => {
    const job = await startTrainingJob({ actor: admin, input: jobInput() });

    expect((await cancelTrainingJob({ actor: admin, jobId: job.id })).status).toBe("CANCELLED");
    await runTrainingJob({ trainingJobId: job.id, attempt: 1 });

    const stored = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.status).toBe("CANCELLED");
    expect(stored.startedAt).toBeNull();
  });

  it("retry runs a new attempt after a failure", async () => {
    const failed = await startAndRun({ parameters: '{"mode": "fail"}' });
    await db.trainingJob.update({ where: { id: failed.id }, data: { spec: { ...(failed.spec as object), parameters: { mode: "succeed" } } } });

    expect((await retryTrainingJob({ actor: admin, jobId: failed.id })).attempt).toBe(2);
    const queued = await db.trainingJob.findUniqueOrThrow({ where: { id: failed.id } });
    expect(queued.status).toBe("QUEUED");
    expect(queued.logs).toBe("");
    expect(queued.exitCode).toBeNull();

    await runTrainingJob({ trainingJobId: failed.id, attempt: 1 });
    expect((await db.trainingJob.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("QUEUED");

    await runTrainingJob({ trainingJobId: failed.id, attempt: 2 });
    const retried = await db.trainingJob.findUniqueOrThrow({ where: { id: failed.id }, include: { artifact: true } });
    expect(retried.status).toBe("SUCCEEDED");
    expect(retried.outputUri).toContain("attempt-2");
    expect(retried.artifact?.uri).toBe(retried.outputUri);
  });

  it("rejects retrying a job that succeeded", async () => {
    const job = await startAndRun();

    const error = await retryTrainingJob({ actor: admin, jobId: job.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFLICT");
  });

  it("marks a started attempt whose worker died as failed", async () => {
    const job = await startTrainingJob({ actor: admin, input: jobInput() });
    await db.trainingJob.update({ where: { id: job.id }, data: { status: "RUNNING", processId: 999_999, processHost: "another-host" } });

    await runTrainingJob({ trainingJobId: job.id, attempt: 1 });

    const stored = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.status).toBe("FAILED");
    expect(stored.error).toContain("process 999999 on another-host stopped");
  });
});

describe("startTrainingJob", () => {
  it("rejects an export that is not complete", async () => {
    const fixture = await createTrlExport({ createdById: admin.id });
    await db.dataExport.update({ where: { id: fixture.dataExport.id }, data: { status: "RUNNING" } });

    await expect(startTrainingJob({ actor: admin, input: jobInput({ datasetExportId: fixture.dataExport.id }) })).rejects.toThrow(/is running; choose a completed export/);
  });

  it("rejects a judgments export", async () => {
    const fixture = await createTrlExport({ createdById: admin.id });
    await db.dataExport.update({ where: { id: fixture.dataExport.id }, data: { kind: "judgments", format: "csv" } });
    const input = jobInput({ datasetExportId: fixture.dataExport.id });

    const error = await startTrainingJob({ actor: admin, input }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("INVALID_INPUT");
    expect((error as AppError).message).toContain(`Export ${fixture.dataExport.id} (${fixture.dataExport.filePath}) is a judgments export`);
    expect((error as AppError).message).toContain("choose an export of kind reward-model, labeling-pairs, preference-pairs");
    expect(await db.trainingJob.count({ where: { name: input.name } })).toBe(0);
  });

  it("requires a side for a policy", async () => {
    await expect(startTrainingJob({ actor: admin, input: jobInput({ kind: "POLICY" }) })).rejects.toThrow(/sideKey: choose the preference side/);
  });

  it("rejects a system name in use", async () => {
    const system = await db.system.create({ data: { name: uniqueName("taken") } });

    await expect(startTrainingJob({ actor: admin, input: jobInput({ systemName: system.name }) })).rejects.toThrow(/already used by a system/);
  });

  it("rejects a researcher", async () => {
    const researcher = await db.user.create({ data: { role: "RESEARCHER", email: `${uniqueName("r")}@example.test` } });

    await expect(startTrainingJob({ actor: researcher, input: jobInput() })).rejects.toThrow(/needs the admin role/);
  });

  it("rejects a base model with shell characters", async () => {
    await expect(startTrainingJob({ actor: admin, input: jobInput({ baseModel: "llama; rm -rf /" }) })).rejects.toThrow(/baseModel: must be a model id/);
  });
});

describe("listTrainingFormOptions", () => {
  it("offers only training-set exports", async () => {
    const labelingSet = await db.labelingSet.create({ data: { name: uniqueName("tides-set"), sourceFileName: "set.jsonl", format: "ROLLOUT", createdById: admin.id } });
    const trainingSet = await createTrlExport({ createdById: admin.id });
    await db.dataExport.update({ where: { id: trainingSet.dataExport.id }, data: { labelingSetId: labelingSet.id, createdAt: new Date("2026-12-05T01:20:30Z") } });
    const judgments = await createTrlExport({ createdById: admin.id });
    await db.dataExport.update({ where: { id: judgments.dataExport.id }, data: { kind: "judgments", format: "csv" } });

    const { exports } = await listTrainingFormOptions();

    const offered = exports.find((dataExport) => dataExport.id === trainingSet.dataExport.id);
    expect(offered?.label).toBe(`reward-model · ${labelingSet.name} · ${TRL_ROWS.length} rows · 2026-12-05 01:20 UTC`);
    expect(exports.map((dataExport) => dataExport.id)).not.toContain(judgments.dataExport.id);
    expect(exports.every((dataExport) => ["reward-model", "labeling-pairs", "preference-pairs"].includes(dataExport.kind))).toBe(true);
  });
});
