import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const reasonSchema = z.string().trim().min(1, "enter a reason").max(500, "must be at most 500 characters");

/**
 * Exclude a crowdworker's judgments from a study's win rates, recording who did it, when and
 * why. Their judgments stay stored and are flagged in the CSV export. Throws NOT_FOUND for
 * someone who never entered the study, CONFLICT when an exclusion is already in force, and
 * INVALID_INPUT for an empty reason.
 */
export async function excludeCrowdworker({
  actor,
  studyId,
  userId,
  reason,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  userId: string;
  reason: string;
}) {
  const researcher = assertRole(actor, "RESEARCHER");
  const parsedReason = reasonSchema.safeParse(reason);
  if (!parsedReason.success) {
    throw new AppError("INVALID_INPUT", `The exclusion reason is invalid: ${parsedReason.error.issues[0].message}.`, {
      fieldErrors: { reason: parsedReason.error.issues.map((issue) => issue.message) },
    });
  }

  const exclusion = await db.$transaction(async (tx) => {
    // Locking the participation serializes two researchers excluding the same crowdworker at once.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "StudyParticipation" WHERE "studyId" = ${studyId} AND "userId" = ${userId} FOR UPDATE`;
    if (!rows[0]) {
      throw new AppError("NOT_FOUND", `Crowdworker ${userId} has not entered study ${studyId}. Pick one from the quality table.`);
    }

    const active = await tx.crowdworkerExclusion.findFirst({ where: { studyId, userId, revokedAt: null } });
    if (active) {
      throw new AppError("CONFLICT", `This crowdworker is already excluded since ${active.excludedAt.toISOString()}. Revoke that exclusion first.`);
    }
    return tx.crowdworkerExclusion.create({ data: { studyId, userId, reason: parsedReason.data, excludedById: researcher.id } });
  });

  logger.info({ studyId, userId, exclusionId: exclusion.id, actorId: researcher.id }, "crowdworker excluded from results");
  return exclusion;
}
