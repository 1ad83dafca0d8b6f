import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** The systems, combinations and criteria of a study that its statistics are laid out by. */
export type StudyStatsFrame = {
  studyId: string;
  baselineSystem: { id: string; name: string };
  /** Candidates by name. */
  candidates: { id: string; name: string; statsKey: number }[];
  /** Combinations by name. */
  combinations: { id: string; name: string; statsKey: number }[];
  /** Dimension keys of the study's criteria, in dimension order. */
  criterionKeys: string[];
  /** Dimension key of every side of those dimensions, by side id. */
  criterionKeyBySideId: Map<string, string>;
  /** Side.statsKey of every side of those dimensions, by side id. */
  sideStatsKeyById: Map<string, number>;
};

/** Load a study's statistics frame; throws NOT_FOUND for an unknown study. */
export async function findStudyForStats(studyId: string): Promise<StudyStatsFrame> {
  const study = await db.study.findUnique({
    where: { id: studyId },
    select: {
      criterionDimensionKeys: true,
      baselineSystem: { select: { id: true, name: true } },
      candidates: { select: { system: { select: { id: true, name: true, statsKey: true } } } },
      combinations: { select: { combination: { select: { id: true, name: true, statsKey: true } } } },
    },
  });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }

  const sides = await db.side.findMany({
    where: { dimension: { key: { in: study.criterionDimensionKeys } } },
    select: { id: true, statsKey: true, dimension: { select: { key: true } } },
  });

  return {
    studyId,
    baselineSystem: study.baselineSystem,
    candidates: study.candidates.map((candidate) => candidate.system).sort(byName),
    combinations: study.combinations.map((entry) => entry.combination).sort(byName),
    criterionKeys: study.criterionDimensionKeys,
    criterionKeyBySideId: new Map(sides.map((side) => [side.id, side.dimension.key])),
    sideStatsKeyById: new Map(sides.map((side) => [side.id, side.statsKey])),
  };
}

function byName(left: { name: string }, right: { name: string }): number {
  return left.name.localeCompare(right.name);
}
