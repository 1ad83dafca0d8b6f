import { db } from "@/lib/db/prisma";

/**
 * Load every study, newest first, with its item count and judgment progress. Only regular
 * items count: attention checks and gold items are not part of a study's quota. Judgments are
 * counted per crowdworker and item, so `judgmentsTarget` is items x judgments per item.
 */
export async function listStudies() {
  const [studies, progress] = await Promise.all([
    db.study.findMany({
      orderBy: { createdAt: "desc" },
      include: {
        promptSet: { select: { name: true } },
        baselineSystem: { select: { name: true } },
        _count: { select: { items: { where: { kind: "REGULAR" } }, candidates: true, combinations: true } },
      },
    }),
    db.studyItem.groupBy({ by: ["studyId"], where: { kind: "REGULAR" }, _sum: { completedCount: true } }),
  ]);

  const doneByStudy = new Map(progress.map((entry) => [entry.studyId, entry._sum.completedCount ?? 0]));
  return studies.map((study) => ({
    ...study,
    itemCount: study._count.items,
    judgmentsDone: doneByStudy.get(study.id) ?? 0,
    judgmentsTarget: study._count.items * study.judgmentsPerItem,
  }));
}
