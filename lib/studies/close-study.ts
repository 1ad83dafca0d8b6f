import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

/** Close an OPEN study so crowdworkers get no further items; openStudy reopens it. */
export async function closeStudy({ actor, studyId }: { actor: Actor | null | undefined; studyId: string }) {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({ where: { id: studyId }, select: { status: true } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }
  if (study.status !== "OPEN") {
    throw new AppError("STUDY_NOT_OPEN", `Study ${studyId} is ${study.status.toLowerCase()}, so it cannot be closed; only open studies can.`);
  }

  const closed = await db.study.update({ where: { id: studyId }, data: { status: "CLOSED", closedAt: new Date() } });
  logger.info({ studyId }, "study closed");
  return closed;
}
