import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/logger";
import { trainingStopQueue } from "@/lib/training/training-queues";
import { updateTrainingAttempt } from "@/lib/training/update-training-attempt";

/**
 * Cancel a job's current attempt. A QUEUED attempt ends CANCELLED at once. A started one
 * becomes CANCELLING: the worker running a COMMAND attempt stops its process group within
 * about a second, and remote backends get a stop request through the worker. Cancelling a
 * CANCELLING job sends the stop request again. Throws CONFLICT for a finished job.
 */
export async function cancelTrainingJob({ actor, jobId }: { actor: Actor | null | undefined; jobId: string }) {
  const admin = assertRole(actor, "ADMIN");

  const job = await db.trainingJob.findUnique({ where: { id: jobId }, include: { backend: true } });
  if (!job) {
    throw new AppError("NOT_FOUND", `Training job ${jobId} does not exist.`);
  }
  const where = { jobId, attempt: job.attempt };
  const now = new Date();

  if (job.status === "QUEUED") {
    const cancelled = await updateTrainingAttempt({
      ...where,
      from: ["QUEUED"],
      data: { status: "CANCELLED", cancelRequestedAt: now, finishedAt: now, error: "Cancelled before it started." },
    });
    if (cancelled) {
      logger.info({ trainingJobId: jobId, attempt: job.attempt, cancelledBy: admin.id }, "queued training job cancelled");
      return { status: "CANCELLED" as const };
    }
  }

  const requested = await updateTrainingAttempt({ ...where, from: ["SUBMITTED", "RUNNING", "CANCELLING"], data: { status: "CANCELLING", cancelRequestedAt: now } });
  if (!requested) {
    const current = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
    throw new AppError("CONFLICT", `Training job ${job.name} is ${current.status.toLowerCase()}; only queued or running jobs can be cancelled.`);
  }
  if (job.backend.kind !== "COMMAND") {
    await sendJob(trainingStopQueue, { trainingJobId: jobId, attempt: job.attempt });
  }

  logger.info({ trainingJobId: jobId, attempt: job.attempt, cancelledBy: admin.id }, "training job cancel requested");
  return { status: "CANCELLING" as const };
}
