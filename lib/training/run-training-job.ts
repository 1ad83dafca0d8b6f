import { hostname } from "node:os";

import { db } from "@/lib/db/prisma";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/logger";
import { raySettingsSchema } from "@/lib/training/backend-settings";
import { killGroup } from "@/lib/training/backends/command-backend";
import { getBackendDriver } from "@/lib/training/backends/get-backend-driver";
import { describeError, type JobWithBackend } from "@/lib/training/backends/training-backend-driver";
import { finishTrainingAttempt } from "@/lib/training/finish-training-attempt";
import { trainingPollQueue } from "@/lib/training/training-queues";

/**
 * Handle a training-command or training-submit job: start a QUEUED attempt on its backend,
 * then have the worker poll it when the backend is Ray. A backend's rejection marks the
 * attempt FAILED with its message.
 * Safe to run again: a retried or finished attempt is skipped, and an attempt found already
 * started means the worker that started it died (see recoverStartedAttempt).
 */
export async function runTrainingJob({ trainingJobId, attempt }: { trainingJobId: string; attempt: number }): Promise<void> {
  const job = await db.trainingJob.findUnique({ where: { id: trainingJobId }, include: { backend: true } });
  if (!job || job.attempt !== attempt) {
    logger.info({ trainingJobId, attempt }, "training attempt skipped: the job is gone or was retried");
    return;
  }

  if (job.status !== "QUEUED") {
    await recoverStartedAttempt(job);
    return;
  }

  try {
    await getBackendDriver(job.backend.kind).start(job);
  } catch (error) {
    logger.warn({ err: error, trainingJobId, attempt, backend: job.backend.name }, "training attempt could not start");
    await finishTrainingAttempt({ jobId: trainingJobId, attempt, outcome: { status: "FAILED", error: describeError(error) } });
    return;
  }

  if (job.backend.kind === "RAY") {
    await schedulePoll(job);
  }
}

/** Send the next status poll of a Ray attempt, after the backend's poll interval. */
export async function schedulePoll(job: JobWithBackend, failedPolls = 0): Promise<void> {
  const { pollSeconds } = raySettingsSchema.parse(job.backend.settings);
  await sendJob(trainingPollQueue, { trainingJobId: job.id, attempt: job.attempt, failedPolls }, { startAfter: pollSeconds });
}

/**
 * pg-boss redelivers a run job whose worker stopped sending heartbeats. A COMMAND attempt's
 * process cannot be reattached, so its group is stopped when it runs on this host and the
 * attempt ends FAILED (CANCELLED when a cancel was requested). A Ray attempt resumes polling.
 */
async function recoverStartedAttempt(job: JobWithBackend): Promise<void> {
  if (!["SUBMITTED", "RUNNING", "CANCELLING"].includes(job.status)) {
    return;
  }

  if (job.backend.kind === "RAY") {
    await schedulePoll(job);
    return;
  }
  if (job.backend.kind !== "COMMAND") {
    return;
  }

  if (job.processId !== null && job.processHost === hostname()) {
    killGroup(job.processId, "SIGKILL");
  }
  const where = `process ${job.processId ?? "unknown"} on ${job.processHost ?? "an unknown host"}`;
  logger.warn({ trainingJobId: job.id, attempt: job.attempt, processId: job.processId, processHost: job.processHost }, "training command lost its worker");
  await finishTrainingAttempt({
    jobId: job.id,
    attempt: job.attempt,
    outcome: job.cancelRequestedAt
      ? { status: "CANCELLED", error: `Cancelled after the worker running ${where} stopped.` }
      : { status: "FAILED", error: `The worker running ${where} stopped before the command finished; retry the job.` },
  });
}
