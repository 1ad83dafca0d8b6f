import { spawn } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { cancelTrainingJob } from "@/lib/training/cancel-training-job";
import { MAX_FAILED_POLLS, pollTrainingJob } from "@/lib/training/poll-training-job";
import { runTrainingJob } from "@/lib/training/run-training-job";
import { startTrainingJob } from "@/lib/training/start-training-job";
import { stopTrainingJob } from "@/lib/training/stop-training-job";

import { startMockRayServer, type MockRayServer } from "./support/mock-ray-server";
import { uniqueName } from "./studies-fixtures";
import { createAdmin, createBackend, createTrlExport, stopJobBoss, useTemporaryTrainingFolders, waitFor } from "./training-fixtures";

let removeFolders: () => Promise<void>;
let ray: MockRayServer;
let admin: Awaited<ReturnType<typeof createAdmin>>;
let backendId: string;
let exportId: string;
let exportPath: string;

beforeAll(async () => {
  ({ remove: removeFolders } = await useTemporaryTrainingFolders());
  ray = await startMockRayServer();
  admin = await createAdmin();
  const backend = await createBackend(
    "RAY",
    {
      address: ray.address,
      entrypointTemplate: "python train_rm.py --data {dataset} --out {output} --base {base_model}",
      runtimeEnv: { working_dir: "s3://bucket/code.zip", env_vars: { HF_HOME: "/mnt/hf" } },
      entrypointNumGpus: 4,
      datasetRoot: "/mnt/ladle/exports",
      outputRoot: "s3://bucket/ladle-runs/",
      pollSeconds: 1,
    },
    admin.id,
  );
  backendId = backend.id;
  const fixture = await createTrlExport({ createdById: admin.id, fileName: "it's data.jsonl" });
  exportId = fixture.dataExport.id;
  exportPath = fixture.dataExport.filePath!;
});

afterAll(async () => {
  await stopJobBoss();
  await removeFolders();
  await ray.close();
});

async function submitJob() {
  const job = await startTrainingJob({
    actor: admin,
    input: { name: uniqueName("rm"), kind: "REWARD_MODEL", backendId, datasetExportId: exportId, baseModel: "huggyllama/llama-7b", systemName: uniqueName("ray-rm") },
  });
  await runTrainingJob({ trainingJobId: job.id, attempt: 1 });
  return { job, submissionId: `ladle-${job.id}-1` };
}

const load = (id: string) => db.trainingJob.findUniqueOrThrow({ where: { id }, include: { artifact: true } });

describe("Ray backend", () => {
  it("submits the documented request", async () => {
    const { job, submissionId } = await submitJob();

    const submitted = ray.jobs.get(submissionId)!;
    const output = `s3://bucket/ladle-runs/${job.id}/attempt-1`;
    expect(submitted.entrypoint).toBe(`python train_rm.py --data '/mnt/ladle/exports/${exportPath.replace("'", `'"'"'`)}' --out '${output}' --base 'huggyllama/llama-7b'`);
    expect(submitted.metadata).toEqual({ ladle_job_id: job.id, ladle_attempt: "1", ladle_kind: "REWARD_MODEL" });
    expect(submitted.runtimeEnv.working_dir).toBe("s3://bucket/code.zip");
    const envVars = submitted.runtimeEnv.env_vars as Record<string, string>;
    expect(envVars.HF_HOME).toBe("/mnt/hf");
    expect(JSON.parse(envVars.LADLE_TRAINING_SPEC)).toMatchObject({ jobId: job.id, attempt: 1, outputLocation: output, dataset: { exportId } });
    expect(submitted.entrypointNumGpus).toBe(4);

    const stored = await load(job.id);
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.externalId).toBe(submissionId);
    expect(stored.outputUri).toBe(output);
  });

  it("follows status to success and registers the artifact", async () => {
    const { job, submissionId } = await submitJob();

    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });
    expect((await load(job.id)).status).toBe("SUBMITTED");

    ray.setStatus(submissionId, "RUNNING", { logs: "epoch 1 loss 0.61\n" });
    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });
    const running = await load(job.id);
    expect(running.status).toBe("RUNNING");
    expect(running.startedAt).not.toBeNull();
    expect(running.logs).toBe("epoch 1 loss 0.61\n");

    ray.setStatus(submissionId, "SUCCEEDED", { message: "Job finished successfully.", logs: "saved checkpoint\n" });
    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });
    const succeeded = await load(job.id);
    expect(succeeded.status).toBe("SUCCEEDED");
    expect(succeeded.logs).toContain("saved checkpoint");
    expect(succeeded.artifact?.uri).toBe(`s3://bucket/ladle-runs/${job.id}/attempt-1`);
    expect(ray.requests).toContain(`GET /api/jobs/${submissionId}/logs`);
  });

  it("records a failure with Ray's message", async () => {
    const { job, submissionId } = await submitJob();

    ray.setStatus(submissionId, "FAILED", { message: "Job entrypoint command failed with exit code 1", logs: "CUDA out of memory\n" });
    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });

    const failed = await load(job.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("exit code 1");
    expect(failed.logs).toContain("CUDA out of memory");
    expect(failed.artifact).toBeNull();
  });

  it("cancel stops the Ray job", async () => {
    const { job, submissionId } = await submitJob();
    ray.setStatus(submissionId, "RUNNING");

    expect((await cancelTrainingJob({ actor: admin, jobId: job.id })).status).toBe("CANCELLING");
    await stopTrainingJob({ trainingJobId: job.id, attempt: 1 });
    expect(ray.jobs.get(submissionId)!.stopRequests).toBe(1);
    expect(ray.requests).toContain(`POST /api/jobs/${submissionId}/stop`);

    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });
    const cancelled = await load(job.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.error).toBe("Cancelled; Ray stopped the job.");
  });

  it("treats a repeated submission as the first", async () => {
    const { job, submissionId } = await submitJob();
    await db.trainingJob.update({ where: { id: job.id }, data: { status: "QUEUED", externalId: null } });

    await runTrainingJob({ trainingJobId: job.id, attempt: 1 });

    expect([...ray.jobs.keys()].filter((id) => id === submissionId)).toHaveLength(1);
    expect((await load(job.id)).status).toBe("SUBMITTED");
  });

  it("fails after repeated unreachable polls", async () => {
    const { job } = await submitJob();
    const closed = await startMockRayServer();
    await closed.close();
    const unreachable = await createBackend("RAY", { address: closed.address, entrypointTemplate: "python x.py", outputRoot: "/runs" }, admin.id);
    await db.trainingJob.update({ where: { id: job.id }, data: { backendId: unreachable.id } });

    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });
    expect((await load(job.id)).status).toBe("SUBMITTED");

    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: MAX_FAILED_POLLS - 1 });
    const failed = await load(job.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain(`after ${MAX_FAILED_POLLS} failed status polls`);
  });

  it("fails a job the cluster no longer knows", async () => {
    const { job, submissionId } = await submitJob();
    ray.jobs.delete(submissionId);

    await pollTrainingJob({ trainingJobId: job.id, attempt: 1, failedPolls: 0 });

    expect((await load(job.id)).error).toContain(`has no job ${submissionId}`);
  });
});

describe("Ray backend through the worker", () => {
  it("polls a job to success via pg-boss", async () => {
    const worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, LOG_LEVEL: "warn" },
    });
    const workerExited = new Promise((resolve) => worker.once("exit", resolve));

    try {
      const job = await startTrainingJob({
        actor: admin,
        input: { name: uniqueName("rm"), kind: "REWARD_MODEL", backendId, datasetExportId: exportId, baseModel: "huggyllama/llama-7b", systemName: uniqueName("ray-rm") },
      });
      const submissionId = `ladle-${job.id}-1`;

      await waitFor(async () => ray.jobs.has(submissionId), 30_000);
      ray.setStatus(submissionId, "RUNNING", { logs: "epoch 1\n" });
      await waitFor(async () => (await load(job.id)).status === "RUNNING", 30_000);

      ray.setStatus(submissionId, "SUCCEEDED", { logs: "done\n" });
      const finished = await waitFor(async () => {
        const current = await load(job.id);
        return current.status === "SUCCEEDED" ? current : null;
      }, 30_000);
      expect(finished.logs).toBe("epoch 1\ndone\n");
      expect(finished.artifact?.uri).toBe(`s3://bucket/ladle-runs/${job.id}/attempt-1`);
    } finally {
      process.kill(-worker.pid!, "SIGTERM");
      await workerExited;
    }
  }, 120_000);
});
