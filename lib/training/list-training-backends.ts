import { db } from "@/lib/db/prisma";

/** List every training backend by name, with its number of jobs. */
export async function listTrainingBackends() {
  const backends = await db.trainingBackend.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, settings: true, createdAt: true, _count: { select: { jobs: true } } },
  });

  return backends.map(({ _count, ...backend }) => ({ ...backend, jobCount: _count.jobs }));
}
