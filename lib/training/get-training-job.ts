import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** Return one training job with its backend, logs and registered artifact. Throws NOT_FOUND. */
export async function getTrainingJob({ actor, jobId }: { actor: Actor | null | undefined; jobId: string }) {
  assertRole(actor, "RESEARCHER");

  const job = await db.trainingJob.findUnique({
    where: { id: jobId },
    include: {
      backend: { select: { name: true, kind: true } },
      createdBy: { select: { email: true } },
      artifact: { include: { system: { select: { id: true, name: true } } } },
    },
  });
  if (!job) {
    throw new AppError("NOT_FOUND", `Training job ${jobId} does not exist. Pick it from the training list.`);
  }
  return job;
}
