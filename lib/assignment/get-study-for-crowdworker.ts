import { db } from "@/lib/db/prisma";
import type { StudyStatus } from "@/lib/generated/prisma/enums";

export type CrowdworkerStudy = {
  id: string;
  status: StudyStatus;
  instructions: string;
  itemsPerWorker: number;
  leaseMinutes: number;
  /** Whether `userId` has entered the study; false when no user was given. */
  participating: boolean;
};

/**
 * Return what a crowdworker may see of a study before judging, or null when it does not
 * exist. The study's name is left out because researchers may name studies after systems.
 */
export async function getStudyForCrowdworker(options: { studyId: string; userId?: string }): Promise<CrowdworkerStudy | null> {
  const study = await db.study.findUnique({
    where: { id: options.studyId },
    select: { id: true, status: true, instructions: true, itemsPerWorker: true, leaseMinutes: true },
  });
  if (!study) {
    return null;
  }

  const participation = options.userId
    ? await db.studyParticipation.findUnique({
        where: { studyId_userId: { studyId: study.id, userId: options.userId } },
        select: { id: true },
      })
    : null;

  return { ...study, participating: participation !== null };
}
