import { db } from "@/lib/db/prisma";

/** Load every labelling set, newest first, with its pair count and verdicts counted per judge version and outcome. */
export async function listLabelingSets() {
  const sets = await db.labelingSet.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { pairs: true } } } });
  const perSet = await db.$queryRaw<{ labelingSetId: string; judgeVersionId: string; outcome: string; count: number }[]>`
    select p."labelingSetId", v."judgeVersionId", v.outcome::text as outcome, count(*)::int as count
    from "LabelingVerdict" v join "LabelingPair" p on p.id = v."pairId"
    group by 1, 2, 3`;
  const versions = await db.judgeVersion.findMany({
    where: { id: { in: [...new Set(perSet.map((entry) => entry.judgeVersionId))] } },
    select: { id: true, version: true, judge: { select: { name: true } } },
  });
  const versionNames = new Map(versions.map((version) => [version.id, `${version.judge.name} v${version.version}`]));

  return sets.map(({ _count, ...set }) => ({
    ...set,
    pairCount: _count.pairs,
    verdicts: perSet
      .filter((entry) => entry.labelingSetId === set.id)
      .map((entry) => ({ judge: versionNames.get(entry.judgeVersionId) ?? entry.judgeVersionId, outcome: entry.outcome, count: entry.count })),
  }));
}
