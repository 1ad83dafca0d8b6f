import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Revoke the exclusion in force for a crowdworker in a study, recording who revoked it and
 * when, so their judgments count in the win rates again. The exclusion row is kept. Throws
 * NOT_FOUND when no exclusion is in force.
 */
export async function revokeExclusion({ actor, studyId, userId }: { actor: Actor | null | undefined; studyId: string; userId: string }) {
  const researcher = assertRole(actor, "RESEARCHER");

  const revoked = await db.crowdworkerExclusion.updateManyAndReturn({
    where: { studyId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedById: researcher.id },
  });
  if (revoked.length === 0) {
    throw new AppError("NOT_FOUND", `Crowdworker ${userId} is not excluded from study ${studyId}. Reload the study page.`);
  }

  logger.info({ studyId, userId, exclusionIds: revoked.map((row) => row.id), actorId: researcher.id }, "crowdworker exclusion revoked");
  return revoked;
}
