import { db } from "@/lib/db/prisma";

/** Load what a run can target: studies, labelling sets with their pair counts, and every side as a criterion. */
export async function listJudgeRunTargets() {
  const [studies, labelingSets, sides] = await Promise.all([
    db.study.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, status: true } }),
    db.labelingSet.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, format: true, _count: { select: { pairs: true } } } }),
    db.side.findMany({ orderBy: { key: "asc" }, select: { id: true, key: true, shortName: true, judgeCriterion: true } }),
  ]);
  return {
    studies,
    labelingSets: labelingSets.map(({ _count, ...set }) => ({ ...set, pairCount: _count.pairs })),
    sides,
  };
}
