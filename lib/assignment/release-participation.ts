import { lockParticipation } from "@/lib/assignment/lock-participation";
import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logger";

/** Milliseconds to wait for a pooled connection, and for the whole transaction. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * Record that a crowdworker returned a study and release every lease they hold in it: their
 * ASSIGNED assignments become RELEASED, so the items go back to the pool at once instead of
 * when the leases expire. Submitted judgments are kept, and later claims are refused as for
 * any participant asked to return. Returns how many leases were released; throws FORBIDDEN
 * when the crowdworker never entered the study.
 *
 * Locks are taken in the order participation, item, assignment, as in claimNextItem and
 * submitJudgment, so a release cannot interleave with the same crowdworker's claim or
 * submission, and lease statuses change only while their item is locked.
 */
export async function releaseParticipation(options: { studyId: string; userId: string }): Promise<{ releasedCount: number }> {
  const releasedCount = await db.$transaction(async (tx) => {
    const participationId = await lockParticipation(tx, options);

    await tx.$queryRaw`
      SELECT item.id FROM "StudyItem" item
      WHERE item.id IN (
        SELECT "studyItemId" FROM "Assignment" WHERE "participationId" = ${participationId} AND status = 'ASSIGNED'
      )
      ORDER BY item.id
      FOR UPDATE`;

    const released = await tx.assignment.updateMany({
      where: { participationId, status: "ASSIGNED" },
      data: { status: "RELEASED" },
    });

    await tx.studyParticipation.updateMany({
      where: { id: participationId, returnReason: null },
      data: { returnReason: "RETURNED_BY_PARTICIPANT", returnRequestedAt: new Date() },
    });
    return released.count;
  }, TRANSACTION_OPTIONS);

  logger.info({ ...options, releasedCount }, "crowdworker returned the study; leases released");
  return { releasedCount };
}
