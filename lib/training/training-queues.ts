import { z } from "zod";

import type { TrainingBackendKind } from "@/lib/generated/prisma/enums";
import type { JobQueue } from "@/lib/jobs/job-queues";

export const trainingAttemptSchema = z.object({ trainingJobId: z.string().min(1), attempt: z.number().int().min(1) });
export const trainingPollSchema = trainingAttemptSchema.extend({ failedPolls: z.number().int().min(0).default(0) });

export type TrainingAttemptPayload = z.input<typeof trainingAttemptSchema>;
export type TrainingPollPayload = z.input<typeof trainingPollSchema>;

// The handlers are imported when a job arrives, because they send jobs to these queues themselves.

/**
 * Runs COMMAND attempts. Each pg-boss job stays active while its process runs, so the queue
 * allows pg-boss's maximum of 24 hours and requests a heartbeat every minute. A worker that
 * dies is noticed within about a minute, and the redelivered job marks the attempt failed.
 * TRAINING_COMMAND_CONCURRENCY sets how many commands one worker runs at once (1 by default).
 */
export const trainingCommandQueue: JobQueue<TrainingAttemptPayload> = {
  name: "training-command",
  options: { expireInSeconds: 24 * 60 * 60, heartbeatSeconds: 60, retryLimit: 1, retryDelay: 5 },
  concurrency: Number(process.env.TRAINING_COMMAND_CONCURRENCY ?? 1),
  handle: async (data) => (await import("@/lib/training/run-training-job")).runTrainingJob(trainingAttemptSchema.parse(data)),
};

/** Hands WEBHOOK and RAY attempts to their backend; kept apart so a long command never delays a submission. */
export const trainingSubmitQueue: JobQueue<TrainingAttemptPayload> = {
  name: "training-submit",
  options: { expireInSeconds: 300, retryLimit: 1, retryDelay: 10 },
  concurrency: 4,
  handle: async (data) => (await import("@/lib/training/run-training-job")).runTrainingJob(trainingAttemptSchema.parse(data)),
};

/** Return the queue that starts attempts on a backend of `kind`. */
export function getStartQueue(kind: TrainingBackendKind): JobQueue<TrainingAttemptPayload> {
  return kind === "COMMAND" ? trainingCommandQueue : trainingSubmitQueue;
}

/** Polls remote attempts; each poll sends the next one while the attempt is still active. */
export const trainingPollQueue: JobQueue<TrainingPollPayload> = {
  name: "training-poll",
  options: { expireInSeconds: 120, retryLimit: 2, retryDelay: 10 },
  concurrency: 4,
  handle: async (data) => (await import("@/lib/training/poll-training-job")).pollTrainingJob(trainingPollSchema.parse(data)),
};

/** Asks a remote backend to stop an attempt that an admin cancelled. */
export const trainingStopQueue: JobQueue<TrainingAttemptPayload> = {
  name: "training-stop",
  options: { expireInSeconds: 120, retryLimit: 3, retryDelay: 10, retryBackoff: true },
  concurrency: 2,
  handle: async (data) => (await import("@/lib/training/stop-training-job")).stopTrainingJob(trainingAttemptSchema.parse(data)),
};
