import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";

/** List training jobs, newest first, without their logs. Researchers and admins may read them. */
export async function listTrainingJobs({ actor, take = 200 }: { actor: Actor | null | undefined; take?: number }) {
  assertRole(actor, "RESEARCHER");

  return db.trainingJob.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      attempt: true,
      systemName: true,
      createdAt: true,
      finishedAt: true,
      backend: { select: { name: true, kind: true } },
      artifact: { select: { systemId: true } },
    },
  });
}
