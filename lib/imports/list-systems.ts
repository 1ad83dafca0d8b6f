import { db } from "@/lib/db/prisma";

export type SystemSummary = { id: string; name: string; responseCount: number; createdAt: Date };

/** List every system by name with its number of stored responses. */
export async function listSystems(): Promise<SystemSummary[]> {
  const systems = await db.system.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, createdAt: true, _count: { select: { responses: true } } },
  });

  return systems.map(({ _count, ...system }) => ({ ...system, responseCount: _count.responses }));
}
