import { db } from "@/lib/db/prisma";

/** Choices of the start-job and merge forms: backends, completed exports, sides, combinations and policy adapters. */
export async function listTrainingFormOptions() {
  const [backends, exports, sides, combinations, adapters] = await Promise.all([
    db.trainingBackend.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } }),
    db.dataExport.findMany({
      where: { status: "COMPLETE", filePath: { not: null } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, kind: true, format: true, filePath: true, rowsWritten: true, createdAt: true },
    }),
    db.side.findMany({ orderBy: [{ dimension: { position: "asc" } }, { letter: "asc" }], select: { key: true } }),
    db.combination.findMany({ orderBy: { sideKeys: "asc" }, include: { sides: { include: { side: { select: { key: true } } }, orderBy: { position: "asc" } } } }),
    db.systemArtifact.findMany({
      where: { kind: "POLICY", sideId: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { id: true, uri: true, baseModel: true, system: { select: { name: true } }, side: { select: { key: true } } },
    }),
  ]);

  return {
    backends,
    exports,
    sideKeys: sides.map((side) => side.key),
    combinations: combinations.map((combination) => ({ id: combination.id, name: combination.name, sideKeys: combination.sides.map(({ side }) => side.key) })),
    adapters: adapters.map((adapter) => ({ id: adapter.id, systemName: adapter.system.name, sideKey: adapter.side!.key, baseModel: adapter.baseModel, uri: adapter.uri })),
  };
}
