import { db } from "@/lib/db/prisma";
import type { ReturnReason } from "@/lib/generated/prisma/enums";

export type CrowdworkerCheckStatus = {
  /** Whether the study has the comprehension check on and this crowdworker has not passed it yet. */
  comprehensionPending: boolean;
  comprehensionAttempts: number;
  /** Set once the crowdworker was asked to return the study. */
  returnReason: ReturnReason | null;
};

/** Read a crowdworker's state in a study's entry checks, or null when they have not entered the study. */
export async function getCrowdworkerCheckStatus(options: { studyId: string; userId: string }): Promise<CrowdworkerCheckStatus | null> {
  const participation = await db.studyParticipation.findUnique({
    where: { studyId_userId: { studyId: options.studyId, userId: options.userId } },
    include: { study: { select: { comprehensionCheck: true } } },
  });
  if (!participation) {
    return null;
  }

  return {
    comprehensionPending: participation.study.comprehensionCheck && participation.comprehensionPassedAt === null,
    comprehensionAttempts: participation.comprehensionAttempts,
    returnReason: participation.returnReason,
  };
}
