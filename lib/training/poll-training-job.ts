import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logger";
import { getBackendDriver } from "@/lib/training/backends/get-backend-driver";
import { describeError } from "@/lib/training/backends/training-backend-driver";
import { finishTrainingAttempt } from "@/lib/training/finish-training-attempt";
import { schedulePoll } from "@/lib/training/run-training-job";
import { ACTIVE_STATUSES } from "@/lib/training/update-training-attempt";

/** Consecutive failed polls after which an attempt is marked FAILED. */
export const MAX_FAILED_POLLS = 10;

/**
 * Handle a training-poll job: fetch a remote attempt's status and output, and send the next
 * poll while it is active. A poll that cannot reach the backend is repeated; after
 * MAX_FAILED_POLLS in a row the attempt ends FAILED with the last error.
 */
export async function pollTrainingJob({ trainingJobId, attempt, failedPolls }: { trainingJobId: string; attempt: number; failedPolls: number }): Promise<void> {
  const job = await db.trainingJob.findUnique({ where: { id: trainingJobId }, include: { backend: true } });
  if (!job || job.attempt !== attempt || !ACTIVE_STATUSES.includes(job.status) || job.status === "QUEUED") {
    return;
  }

  let pollAgain: boolean;
  try {
    pollAgain = await getBackendDriver(job.backend.kind).poll(job);
  } catch (error) {
    const failures = failedPolls + 1;
    logger.warn({ err: error, trainingJobId, attempt, failures }, "training status poll failed");
    if (failures >= MAX_FAILED_POLLS) {
      await finishTrainingAttempt({
        jobId: trainingJobId,
        attempt,
        outcome: { status: "FAILED", error: `Lost contact with backend ${job.backend.name} after ${failures} failed status polls: ${describeError(error)}` },
      });
      return;
    }
    await schedulePoll(job, failures);
    return;
  }

  if (pollAgain) {
    await schedulePoll(job);
  }
}
