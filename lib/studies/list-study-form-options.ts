import { db } from "@/lib/db/prisma";

/** Load the prompt sets, systems, combinations and dimensions a new study can choose from. */
export async function listStudyFormOptions() {
  const [promptSets, systems, combinations, dimensions] = await Promise.all([
    db.promptSet.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, _count: { select: { prompts: true } } } }),
    db.system.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.combination.findMany({ orderBy: [{ name: "asc" }, { sideKeys: "asc" }], select: { id: true, name: true, sideKeys: true } }),
    db.dimension.findMany({ orderBy: { position: "asc" }, select: { key: true, name: true } }),
  ]);

  return {
    promptSets: promptSets.map((set) => ({ id: set.id, name: set.name, promptCount: set._count.prompts })),
    systems,
    combinations,
    dimensions,
  };
}
