import { z } from "zod";

import { raySettingsSchema, type RaySettings } from "@/lib/training/backend-settings";
import { TrainingBackendError, type TrainingBackendDriver } from "@/lib/training/backends/training-backend-driver";
import { renderShellCommand } from "@/lib/training/command-template";
import { finishTrainingAttempt } from "@/lib/training/finish-training-attempt";
import { keepLogTail } from "@/lib/training/keep-log-tail";
import { getExportDirectory } from "@/lib/exports/export-directory";
import { joinLocation } from "@/lib/training/training-paths";
import type { AttemptSpec, TrainingSpec } from "@/lib/training/training-spec";
import { updateTrainingAttempt } from "@/lib/training/update-training-attempt";

/** Response shapes of the Ray Jobs REST API (Ray 2.x dashboard, /api/jobs/). */
const submitResponseSchema = z.object({ submission_id: z.string().optional(), job_id: z.string().nullish() }).loose();
const jobDetailsSchema = z.object({ status: z.enum(["PENDING", "RUNNING", "STOPPED", "SUCCEEDED", "FAILED"]), message: z.string().nullish() }).loose();
const logsResponseSchema = z.object({ logs: z.string() });

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Submits each attempt to a Ray cluster as a job with submission id ladle-<job id>-<attempt>,
 * so a repeated submission finds the first. The worker polls its status and logs, and stops
 * it through POST /api/jobs/<id>/stop.
 */
export const rayBackend: TrainingBackendDriver = {
  async start(job) {
    const settings = raySettingsSchema.parse(job.backend.settings);
    const spec = job.spec as TrainingSpec;
    const submissionId = `ladle-${job.id}-${job.attempt}`;
    const outputLocation = joinLocation(settings.outputRoot, job.id, `attempt-${job.attempt}`);
    const attemptSpec: AttemptSpec = {
      ...spec,
      jobId: job.id,
      attempt: job.attempt,
      datasetLocation: spec.dataset ? joinLocation(settings.datasetRoot ?? getExportDirectory(), spec.dataset.filePath) : null,
      outputLocation,
    };
    const specJson = JSON.stringify(attemptSpec);
    const entrypoint = renderShellCommand(settings.entrypointTemplate, {
      dataset: attemptSpec.datasetLocation ?? "",
      output: outputLocation,
      spec: specJson,
      job_id: job.id,
      attempt: String(job.attempt),
      kind: job.kind,
      base_model: spec.baseModel,
    });
    const runtimeEnv = settings.runtimeEnv as { env_vars?: Record<string, string> };

    const request = {
      entrypoint,
      submission_id: submissionId,
      runtime_env: { ...runtimeEnv, env_vars: { ...runtimeEnv.env_vars, LADLE_TRAINING_SPEC: specJson } },
      metadata: { ladle_job_id: job.id, ladle_attempt: String(job.attempt), ladle_kind: job.kind },
      entrypoint_num_gpus: settings.entrypointNumGpus,
      entrypoint_num_cpus: settings.entrypointNumCpus,
    };
    const response = await callRay(settings, "POST", "/api/jobs/", request);
    let externalId = submissionId;
    if (response.ok) {
      externalId = submitResponseSchema.parse(await response.json()).submission_id ?? submissionId;
    } else if (!(await callRay(settings, "GET", jobPath(submissionId))).ok) {
      throw new TrainingBackendError(`Ray at ${settings.address} rejected the submission: HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }

    await updateTrainingAttempt({
      jobId: job.id,
      attempt: job.attempt,
      from: ["QUEUED"],
      data: { status: "SUBMITTED", submittedAt: new Date(), externalId, outputUri: outputLocation },
    });
  },

  async poll(job) {
    const settings = raySettingsSchema.parse(job.backend.settings);
    const submissionId = job.externalId!;

    const detailsResponse = await callRay(settings, "GET", jobPath(submissionId));
    if (detailsResponse.status === 404) {
      await finishTrainingAttempt({
        jobId: job.id,
        attempt: job.attempt,
        outcome: { status: "FAILED", error: `Ray at ${settings.address} has no job ${submissionId}; the cluster may have been replaced. Retry the job.` },
      });
      return false;
    }
    if (!detailsResponse.ok) {
      throw new TrainingBackendError(`Ray at ${settings.address} returned HTTP ${detailsResponse.status} for job ${submissionId}.`);
    }
    const details = jobDetailsSchema.parse(await detailsResponse.json());
    const logsResponse = await callRay(settings, "GET", `${jobPath(submissionId)}/logs`);
    const logs = logsResponse.ok ? keepLogTail(logsResponseSchema.parse(await logsResponse.json()).logs) : undefined;

    return applyRayStatus({ job, details, logs, outputUri: job.outputUri ?? "" });
  },

  async cancel(job) {
    const settings = raySettingsSchema.parse(job.backend.settings);

    const response = await callRay(settings, "POST", `${jobPath(job.externalId!)}/stop`);
    if (!response.ok) {
      throw new TrainingBackendError(`Ray at ${settings.address} could not stop job ${job.externalId}: HTTP ${response.status}.`);
    }
  },
};

type RayJobDetails = z.output<typeof jobDetailsSchema>;

async function applyRayStatus(options: { job: Parameters<TrainingBackendDriver["poll"]>[0]; details: RayJobDetails; logs: string | undefined; outputUri: string }): Promise<boolean> {
  const { job, details, logs } = options;
  const where = { jobId: job.id, attempt: job.attempt };
  const logUpdate = logs === undefined ? {} : { logs };

  switch (details.status) {
    case "PENDING":
      await updateTrainingAttempt({ ...where, from: ["SUBMITTED", "CANCELLING"], data: logUpdate });
      return true;
    case "RUNNING":
      if (!(await updateTrainingAttempt({ ...where, from: ["SUBMITTED"], data: { status: "RUNNING", startedAt: new Date(), ...logUpdate } }))) {
        await updateTrainingAttempt({ ...where, from: ["RUNNING", "CANCELLING"], data: logUpdate });
      }
      return true;
    case "SUCCEEDED":
      // NOTE: the checkpoint is assumed to be under outputUri; Ladle cannot list the cluster's storage to check.
      await finishTrainingAttempt({ ...where, outcome: { status: "SUCCEEDED", artifactUri: options.outputUri }, logs });
      return false;
    case "FAILED":
      await finishTrainingAttempt({ ...where, outcome: { status: "FAILED", error: `Ray reported the job failed: ${details.message ?? "no message"}` }, logs });
      return false;
    case "STOPPED": {
      const error = job.cancelRequestedAt ? "Cancelled; Ray stopped the job." : "Ray stopped the job outside Ladle.";
      await finishTrainingAttempt({ ...where, outcome: { status: "CANCELLED", error }, logs });
      return false;
    }
  }
}

function jobPath(submissionId: string): string {
  return `/api/jobs/${encodeURIComponent(submissionId)}`;
}

function callRay(settings: RaySettings, method: "GET" | "POST", path: string, body?: object): Promise<Response> {
  return fetch(new URL(path, settings.address), {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}
