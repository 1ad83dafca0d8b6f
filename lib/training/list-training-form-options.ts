import { db } from "@/lib/db/prisma";
import { TRAINING_DATASET_KINDS } from "@/lib/training/training-input";

/**
 * Choices of the start-job and merge forms: backends, completed training-set exports (labelled by
 * kind, source, rows and creation time), sides, combinations and policy adapters.
 */
export async function listTrainingFormOptions() {
  const [backends, exports, sides, combinations, adapters] = await Promise.all([
    db.trainingBackend.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true } }),
    db.dataExport.findMany({
      where: { status: "COMPLETE", filePath: { not: null }, kind: { in: [...TRAINING_DATASET_KINDS] } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, kind: true, format: true, filePath: true, rowsWritten: true, createdAt: true, studyId: true, labelingSetId: true },
    }),
    db.side.findMany({ orderBy: [{ dimension: { position: "asc" } }, { letter: "asc" }], select: { key: true } }),
    db.combination.findMany({ orderBy: { sideKeys: "asc" }, include: { sides: { include: { side: { select: { key: true } } }, orderBy: { position: "asc" } } } }),
    db.systemArtifact.findMany({
      where: { kind: "POLICY", sideId: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { id: true, uri: true, baseModel: true, system: { select: { name: true } }, side: { select: { key: true } } },
    }),
  ]);

  const sourceNames = await loadExportSourceNames(exports);

  return {
    backends,
    exports: exports.map((dataExport) => ({ ...dataExport, label: labelExport(dataExport, sourceNames) })),
    sideKeys: sides.map((side) => side.key),
    combinations: combinations.map((combination) => ({ id: combination.id, name: combination.name, sideKeys: combination.sides.map(({ side }) => side.key) })),
    adapters: adapters.map((adapter) => ({ id: adapter.id, systemName: adapter.system.name, sideKey: adapter.side!.key, baseModel: adapter.baseModel, uri: adapter.uri })),
  };
}

type ExportSource = { studyId: string | null; labelingSetId: string | null };

/** Map the study and labelling-set ids of `exports` to their names. */
async function loadExportSourceNames(exports: ExportSource[]): Promise<Map<string, string>> {
  const studyIds = exports.flatMap((dataExport) => (dataExport.studyId ? [dataExport.studyId] : []));
  const labelingSetIds = exports.flatMap((dataExport) => (dataExport.labelingSetId ? [dataExport.labelingSetId] : []));

  const [studies, labelingSets] = await Promise.all([
    db.study.findMany({ where: { id: { in: studyIds } }, select: { id: true, name: true } }),
    db.labelingSet.findMany({ where: { id: { in: labelingSetIds } }, select: { id: true, name: true } }),
  ]);
  return new Map([...studies, ...labelingSets].map((source) => [source.id, source.name]));
}

/** Label such as "reward-model · tides-set · 120 rows · 2026-12-05 01:20 UTC". */
function labelExport(dataExport: ExportSource & { id: string; kind: string; rowsWritten: number; createdAt: Date }, sourceNames: Map<string, string>): string {
  const sourceId = dataExport.labelingSetId ?? dataExport.studyId;
  const source = (sourceId && sourceNames.get(sourceId)) ?? `export ${dataExport.id}`;
  const created = `${dataExport.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `${dataExport.kind} · ${source} · ${dataExport.rowsWritten} rows · ${created}`;
}
