import type { Completion } from "@/lib/assignment/schemas";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { describeReturnRequest } from "@/lib/quality/policy";

/**
 * Record that a crowdworker has finished a study and return what ends their work there.
 * The completion code and URL are returned only when they have stored at least one judgment
 * on a regular item, so opening a study with nothing left to judge does not earn a code.
 * Throws FORBIDDEN, with `details.reason` RETURN_REQUESTED, for a crowdworker who was asked
 * to return the study: their completion path is closed.
 */
export async function completeParticipation(options: { studyId: string; userId: string }): Promise<Completion> {
  const participation = await db.studyParticipation.findUnique({
    where: { studyId_userId: { studyId: options.studyId, userId: options.userId } },
    include: { study: { select: { completionCode: true, completionUrl: true } } },
  });
  if (!participation) {
    throw new AppError("FORBIDDEN", `You have not entered study ${options.studyId}. Open the study link you were given.`);
  }

  if (participation.returnReason) {
    throw new AppError("FORBIDDEN", describeReturnRequest(participation.returnReason), { reason: "RETURN_REQUESTED" });
  }

  const submitted = await db.assignment.count({
    where: { participationId: participation.id, status: "SUBMITTED", studyItem: { kind: "REGULAR" } },
  });
  if (submitted === 0) {
    return { done: true };
  }

  await db.studyParticipation.updateMany({
    where: { id: participation.id, completedAt: null },
    data: { completedAt: new Date() },
  });

  return {
    done: true,
    completionCode: participation.study.completionCode,
    completionUrl: participation.study.completionUrl ?? undefined,
  };
}
