import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logger";
import { getBackendDriver } from "@/lib/training/backends/get-backend-driver";

/**
 * Handle a training-stop job: ask the backend to stop a CANCELLING attempt. Ray attempts end
 * CANCELLED when a later poll reads STOPPED; webhook attempts end when the service accepts.
 * Throws on failure so that pg-boss retries; the attempt stays CANCELLING meanwhile.
 */
export async function stopTrainingJob({ trainingJobId, attempt }: { trainingJobId: string; attempt: number }): Promise<void> {
  const job = await db.trainingJob.findUnique({ where: { id: trainingJobId }, include: { backend: true } });
  if (!job || job.attempt !== attempt || job.status !== "CANCELLING") {
    return;
  }

  await getBackendDriver(job.backend.kind).cancel(job);
  logger.info({ trainingJobId, attempt, backend: job.backend.name }, "training stop requested from backend");
}
