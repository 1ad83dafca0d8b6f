import { db, type Prisma } from "@/lib/db/prisma";
import type { TrainingJobStatus } from "@/lib/generated/prisma/enums";

/** Statuses from which an attempt can still change. */
export const ACTIVE_STATUSES: TrainingJobStatus[] = ["QUEUED", "SUBMITTED", "RUNNING", "CANCELLING"];

/**
 * Apply `data` to a job only while it is still on `attempt` and in one of `from`, so a late
 * worker or callback cannot overwrite a newer attempt or a finished one. Returns whether it did.
 */
export async function updateTrainingAttempt(options: {
  jobId: string;
  attempt: number;
  from: TrainingJobStatus[];
  data: Prisma.TrainingJobUpdateManyMutationInput;
}): Promise<boolean> {
  const result = await db.trainingJob.updateMany({
    where: { id: options.jobId, attempt: options.attempt, status: { in: options.from } },
    data: options.data,
  });
  return result.count === 1;
}
