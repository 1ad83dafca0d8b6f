import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Lock the crowdworker's participation row for the rest of the transaction and return its
 * id. This serializes one crowdworker's own claims and submissions, for example from two tabs.
 */
export async function lockParticipation(
  tx: Prisma.TransactionClient,
  options: { studyId: string; userId: string },
): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "StudyParticipation"
    WHERE "studyId" = ${options.studyId} AND "userId" = ${options.userId}
    FOR UPDATE`;

  const participationId = rows[0]?.id;
  if (!participationId) {
    throw new AppError("FORBIDDEN", `You have not entered study ${options.studyId}. Open the study link you were given.`);
  }
  return participationId;
}
