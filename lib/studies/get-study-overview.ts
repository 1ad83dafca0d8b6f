import { db } from "@/lib/db/prisma";

/**
 * Load a study's settings, criterion names and progress: regular items, judgments done and targeted (counted per
 * crowdworker and item), and crowdworkers who started and finished. Returns null when the
 * study does not exist.
 */
export async function getStudyOverview({ studyId }: { studyId: string }) {
  const study = await db.study.findUnique({
    where: { id: studyId },
    include: {
      promptSet: { select: { name: true, _count: { select: { prompts: true } } } },
      baselineSystem: { select: { name: true } },
      createdBy: { select: { email: true, name: true } },
      candidates: { select: { system: { select: { name: true } } } },
      combinations: { select: { combination: { select: { name: true, sideKeys: true } } } },
    },
  });
  if (!study) {
    return null;
  }

  const [items, crowdworkersStarted, crowdworkersFinished, criteria] = await Promise.all([
    db.studyItem.aggregate({ where: { studyId, kind: "REGULAR" }, _count: { _all: true }, _sum: { completedCount: true } }),
    db.studyParticipation.count({ where: { studyId } }),
    db.studyParticipation.count({ where: { studyId, completedAt: { not: null } } }),
    db.dimension.findMany({ where: { key: { in: study.criterionDimensionKeys } }, orderBy: { position: "asc" }, select: { key: true, name: true } }),
  ]);

  return {
    ...study,
    candidateNames: study.candidates.map((candidate) => candidate.system.name).sort(),
    criteria,
    combinationNames: study.combinations.map((entry) => entry.combination.name).sort(),
    itemCount: items._count._all,
    judgmentsDone: items._sum.completedCount ?? 0,
    judgmentsTarget: items._count._all * study.judgmentsPerItem,
    crowdworkersStarted,
    crowdworkersFinished,
  };
}
