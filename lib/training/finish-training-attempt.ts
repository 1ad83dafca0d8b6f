import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logger";
import type { TrainingSpec } from "@/lib/training/training-spec";
import { ACTIVE_STATUSES } from "@/lib/training/update-training-attempt";

export type AttemptOutcome =
  | { status: "SUCCEEDED"; artifactUri: string; exitCode?: number | null }
  | { status: "FAILED"; error: string; exitCode?: number | null }
  | { status: "CANCELLED"; error?: string; exitCode?: number | null };

/**
 * Record the end of an attempt. A SUCCEEDED attempt registers its checkpoint location as an
 * artifact on the system named by the job, creating that system when it does not exist, in
 * the same transaction. Returns false, changing nothing, when the attempt already ended or
 * a retry replaced it.
 */
export async function finishTrainingAttempt(options: { jobId: string; attempt: number; outcome: AttemptOutcome; logs?: string }): Promise<boolean> {
  const { jobId, attempt, outcome } = options;

  const finished = await db.$transaction(async (tx) => {
    const updated = await tx.trainingJob.updateMany({
      where: { id: jobId, attempt, status: { in: ACTIVE_STATUSES } },
      data: {
        status: outcome.status,
        exitCode: outcome.exitCode ?? null,
        error: outcome.status === "SUCCEEDED" ? null : (outcome.error ?? null),
        finishedAt: new Date(),
        processId: null,
        ...(options.logs === undefined ? {} : { logs: options.logs }),
      },
    });
    if (updated.count === 0) {
      return false;
    }
    if (outcome.status !== "SUCCEEDED") {
      return true;
    }

    const job = await tx.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
    const spec = job.spec as TrainingSpec;
    const system = await tx.system.upsert({
      where: { name: job.systemName },
      create: { name: job.systemName, description: `Trained by training job ${job.name} (${job.kind.toLowerCase().replace("_", " ")}) from ${spec.baseModel}.` },
      update: {},
    });
    await tx.systemArtifact.create({
      data: { systemId: system.id, trainingJobId: jobId, kind: job.kind, uri: outcome.artifactUri, baseModel: spec.baseModel, sideId: job.sideId },
    });
    return true;
  });

  if (finished) {
    logger.info({ trainingJobId: jobId, attempt, status: outcome.status }, "training attempt finished");
  }
  return finished;
}
