import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { COMPREHENSION_QUESTIONS } from "@/lib/quality/comprehension-questions";
import { COMPREHENSION_ATTEMPTS } from "@/lib/quality/policy";

export type ComprehensionResult =
  | { status: "passed" }
  | { status: "retry"; attemptsLeft: number; wrongQuestionIds: string[] }
  | { status: "returnRequested" };

/**
 * Record one attempt at a study's comprehension check. A correct attempt lets the crowdworker
 * claim items; after COMPREHENSION_ATTEMPTS wrong ones they are asked to return the study and
 * their completion path is closed. An attempt after the outcome is settled changes nothing.
 * Throws FORBIDDEN for someone who has not entered the study and INVALID_INPUT when a
 * question is unanswered, which does not use up an attempt.
 */
export async function answerComprehensionCheck(options: {
  studyId: string;
  userId: string;
  answers: Readonly<Record<string, string>>;
}): Promise<ComprehensionResult> {
  const unanswered = COMPREHENSION_QUESTIONS.filter((question) => !options.answers[question.id]);
  if (unanswered.length > 0) {
    throw new AppError("INVALID_INPUT", `Answer every question before checking (${unanswered.length} unanswered).`, {
      unanswered: unanswered.map((question) => question.id),
    });
  }
  const wrongQuestionIds = COMPREHENSION_QUESTIONS.filter((question) => options.answers[question.id] !== question.correctOptionId).map(
    (question) => question.id,
  );

  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "StudyParticipation" WHERE "studyId" = ${options.studyId} AND "userId" = ${options.userId} FOR UPDATE`;
    if (!rows[0]) {
      throw new AppError("FORBIDDEN", `You have not entered study ${options.studyId}. Open the study link you were given.`);
    }
    const participation = await tx.studyParticipation.findUniqueOrThrow({ where: { id: rows[0].id } });

    if (participation.comprehensionPassedAt) {
      return { status: "passed" } as const;
    }
    if (participation.returnReason) {
      return { status: "returnRequested" } as const;
    }

    const attempts = participation.comprehensionAttempts + 1;
    if (wrongQuestionIds.length === 0) {
      await tx.studyParticipation.update({
        where: { id: participation.id },
        data: { comprehensionAttempts: attempts, comprehensionPassedAt: new Date() },
      });
      return { status: "passed" } as const;
    }

    if (attempts < COMPREHENSION_ATTEMPTS) {
      await tx.studyParticipation.update({ where: { id: participation.id }, data: { comprehensionAttempts: attempts } });
      return { status: "retry", attemptsLeft: COMPREHENSION_ATTEMPTS - attempts, wrongQuestionIds } as const;
    }

    await tx.studyParticipation.update({
      where: { id: participation.id },
      data: { comprehensionAttempts: attempts, returnRequestedAt: new Date(), returnReason: "COMPREHENSION_FAILED" },
    });
    logger.info({ studyId: options.studyId, userId: options.userId, attempts }, "crowdworker failed the comprehension check");
    return { status: "returnRequested" } as const;
  });
}
