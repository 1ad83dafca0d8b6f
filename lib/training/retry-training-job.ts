import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/logger";
import { assertSystemNameFree } from "@/lib/training/start-training-job";
import { getStartQueue } from "@/lib/training/training-queues";

/**
 * Start the next attempt of a FAILED or CANCELLED job with the same spec and backend. The
 * previous attempt's state is cleared; COMMAND attempts keep their files under
 * TRAINING_DIR/<job id>/attempt-<n>. Throws CONFLICT for a job in any other status.
 */
export async function retryTrainingJob({ actor, jobId }: { actor: Actor | null | undefined; jobId: string }) {
  const admin = assertRole(actor, "ADMIN");

  const job = await db.trainingJob.findUnique({ where: { id: jobId }, include: { backend: true } });
  if (!job) {
    throw new AppError("NOT_FOUND", `Training job ${jobId} does not exist.`);
  }
  if (job.status !== "FAILED" && job.status !== "CANCELLED") {
    throw new AppError("CONFLICT", `Training job ${job.name} is ${job.status.toLowerCase()}; only failed or cancelled jobs can be retried.`);
  }
  await assertSystemNameFree(job.systemName, job.id);

  const attempt = job.attempt + 1;
  const updated = await db.trainingJob.updateMany({
    where: { id: jobId, attempt: job.attempt, status: job.status },
    data: {
      attempt,
      status: "QUEUED",
      externalId: null,
      processId: null,
      processHost: null,
      exitCode: null,
      logs: "",
      logPath: null,
      outputUri: null,
      error: null,
      submittedAt: null,
      startedAt: null,
      finishedAt: null,
      cancelRequestedAt: null,
    },
  });
  if (updated.count === 0) {
    throw new AppError("CONFLICT", `Training job ${job.name} changed while retrying; reload the page and try again.`);
  }
  await sendJob(getStartQueue(job.backend.kind), { trainingJobId: jobId, attempt });

  logger.info({ trainingJobId: jobId, attempt, retriedBy: admin.id }, "training job retried");
  return { attempt };
}
