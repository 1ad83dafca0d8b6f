import { completeParticipation } from "@/lib/assignment/complete-participation";
import { verdictForChoice } from "@/lib/assignment/display-order";
import { lockParticipation } from "@/lib/assignment/lock-participation";
import type { JudgmentAnswer, SubmitResult } from "@/lib/assignment/schemas";
import { selectClaimableItem } from "@/lib/assignment/select-claimable-item";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { countFailedChecks } from "@/lib/quality/count-failed-checks";
import { scoreCheck } from "@/lib/quality/score-check";

export type SubmitJudgmentInput = {
  assignmentId: string;
  /** The signed-in crowdworker, taken from the session. */
  userId: string;
  /** Client-generated id of this submission; a retry with the same id returns the same result. */
  requestId: string;
  /** Choices between the displayed positions: A is the response shown first. */
  answers: readonly JudgmentAnswer[];
};

type Criterion = { sideId: string; dimensionKey: string };

/** Milliseconds to wait for a pooled connection, and for the whole transaction. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * Store a crowdworker's verdicts on every criterion of their assignment, mark it submitted
 * and count it on the item, all in one transaction. Returns whether the crowdworker is done,
 * with the completion code and URL once their last judgment is stored.
 *
 * Quality control happens in the same transaction. The assignment is flagged too fast when it
 * is submitted sooner after assignedAt than the study's minSecondsPerItem. Gold items and
 * attention checks are scored against their expected verdicts and never count towards the
 * item quota. A crowdworker whose failed checks reach the study's block threshold is asked to
 * return, so their next claim is rejected.
 *
 * Throws FORBIDDEN for an assignment that does not exist or is not theirs, STUDY_NOT_OPEN,
 * CONFLICT for an expired lease or an assignment already submitted under another request id,
 * and INVALID_INPUT unless there is exactly one answer per criterion.
 */
export async function submitJudgment(input: SubmitJudgmentInput): Promise<SubmitResult> {
  const assignment = await db.assignment.findUnique({
    where: { id: input.assignmentId },
    include: {
      studyItem: {
        include: {
          study: true,
          combination: { include: { sides: { include: { side: { include: { dimension: true } } } } } },
          expectedVerdicts: { select: { criterionSideId: true, verdict: true } },
        },
      },
    },
  });
  if (!assignment || assignment.userId !== input.userId) {
    throw new AppError("FORBIDDEN", `Assignment ${input.assignmentId} is not one of yours. Load your next item from the study page.`);
  }

  const { studyItem } = assignment;
  const { study } = studyItem;
  const criteria = studyItem.combination.sides
    .filter(({ side }) => study.criterionDimensionKeys.includes(side.dimension.key))
    .sort((left, right) => left.side.dimension.position - right.side.dimension.position)
    .map(({ side }) => ({ sideId: side.id, dimensionKey: side.dimension.key }));
  const verdicts = resolveVerdicts(input.answers, criteria, assignment.shownFirst);

  try {
    await db.$transaction(async (tx) => {
      await lockParticipation(tx, { studyId: study.id, userId: input.userId });
      await tx.$queryRaw`SELECT id FROM "StudyItem" WHERE id = ${studyItem.id} FOR UPDATE`;
      await tx.$queryRaw`SELECT id FROM "Assignment" WHERE id = ${assignment.id} FOR UPDATE`;

      // Reread under the locks: a concurrent submission or claim may have changed the status.
      const locked = await tx.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
      if (locked.status === "SUBMITTED") {
        assertSameRequest(input, locked.requestId);
        return;
      }
      if (study.status !== "OPEN") {
        throw new AppError("STUDY_NOT_OPEN", "This study is not accepting judgments right now. Return to the recruiting platform.");
      }
      const now = new Date();
      if (locked.status !== "ASSIGNED" || locked.expiresAt <= now) {
        throw new AppError(
          "CONFLICT",
          `Your time for this item ran out at ${locked.expiresAt.toISOString()}. Load the next item to continue.`,
        );
      }

      await tx.judgment.createMany({
        data: verdicts.map(({ sideId, verdict }) => ({
          studyItemId: studyItem.id,
          assignmentId: assignment.id,
          judgeType: "HUMAN" as const,
          userId: input.userId,
          criterionSideId: sideId,
          verdict,
          shownFirst: assignment.shownFirst,
        })),
      });
      const secondsSpent = (now.getTime() - locked.assignedAt.getTime()) / 1000;
      await tx.assignment.update({
        where: { id: assignment.id },
        data: {
          status: "SUBMITTED",
          requestId: input.requestId,
          submittedAt: now,
          tooFast: study.minSecondsPerItem > 0 && secondsSpent < study.minSecondsPerItem,
          checkPassed: studyItem.kind === "REGULAR" ? null : scoreCheck(verdicts, studyItem.expectedVerdicts),
        },
      });
      if (studyItem.kind === "REGULAR") {
        await tx.studyItem.update({ where: { id: studyItem.id }, data: { completedCount: { increment: 1 } } });
      }
      await blockWhenOverThreshold(tx, { participationId: assignment.participationId, blockThreshold: study.qualityBlockThreshold });
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    if (!isUniqueViolation(error)) {
      throw error;
    }
    // Another request stored judgments for this assignment first; accept it only as a retry.
    const stored = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    assertSameRequest(input, stored.requestId);
  }

  return resultAfterSubmission({ studyId: study.id, userId: input.userId, participationId: assignment.participationId });
}

/** Map each answer to one criterion of the item, rejecting duplicates, unknown criteria and gaps. */
function resolveVerdicts(
  answers: readonly JudgmentAnswer[],
  criteria: readonly Criterion[],
  shownFirst: ComparedSystem,
): { sideId: string; verdict: Verdict }[] {
  const verdictBySide = new Map<string, Verdict>();

  for (const answer of answers) {
    const criterion = criteria.find(
      (candidate) => candidate.sideId === answer.criterionSideId || candidate.dimensionKey === answer.dimensionKey,
    );
    const answerName = answer.criterionSideId ?? answer.dimensionKey;
    if (!criterion) {
      throw new AppError(
        "INVALID_INPUT",
        `The answer for criterion ${answerName} does not belong to this item. Answer only ${criteria.map((item) => item.dimensionKey).join(", ")}.`,
      );
    }
    if (verdictBySide.has(criterion.sideId)) {
      throw new AppError("INVALID_INPUT", `Criterion ${criterion.dimensionKey} was answered more than once. Send one answer per criterion.`);
    }
    verdictBySide.set(criterion.sideId, verdictForChoice(answer.choice, shownFirst));
  }

  const missing = criteria.filter((criterion) => !verdictBySide.has(criterion.sideId));
  if (missing.length > 0) {
    throw new AppError(
      "INVALID_INPUT",
      `Criteria ${missing.map((criterion) => criterion.dimensionKey).join(", ")} have no answer. Answer every question before submitting.`,
      { missing: missing.map((criterion) => criterion.dimensionKey) },
    );
  }

  return criteria.map((criterion) => ({ sideId: criterion.sideId, verdict: verdictBySide.get(criterion.sideId)! }));
}

/** Ask the crowdworker to return once their failed checks reach a non-zero block threshold. */
async function blockWhenOverThreshold(
  tx: Prisma.TransactionClient,
  options: { participationId: string; blockThreshold: number },
): Promise<void> {
  if (options.blockThreshold <= 0) {
    return;
  }

  const failedChecks = await countFailedChecks(tx, { participationId: options.participationId });
  if (failedChecks < options.blockThreshold) {
    return;
  }

  const blocked = await tx.studyParticipation.updateMany({
    where: { id: options.participationId, returnReason: null },
    data: { returnRequestedAt: new Date(), returnReason: "QUALITY_BLOCKED" },
  });
  if (blocked.count > 0) {
    logger.info({ participationId: options.participationId, failedChecks }, "crowdworker blocked after failed quality checks");
  }
}

function assertSameRequest(input: SubmitJudgmentInput, acceptedRequestId: string | null): void {
  if (acceptedRequestId === input.requestId) {
    return;
  }

  logger.warn(
    { assignmentId: input.assignmentId, userId: input.userId, requestId: input.requestId, acceptedRequestId },
    "second submission for an assignment rejected",
  );
  throw new AppError("CONFLICT", `Assignment ${input.assignmentId} was already submitted. Load the next item to continue.`);
}

/**
 * Decide whether the crowdworker is done: they reached the study's cap of regular items, or
 * they hold no lease and no item is open to them. A crowdworker asked to return is not done:
 * their next claim shows why, and they get no completion code. A retried request gets this
 * computed afresh.
 */
async function resultAfterSubmission(options: { studyId: string; userId: string; participationId: string }): Promise<SubmitResult> {
  const study = await db.study.findUniqueOrThrow({ where: { id: options.studyId } });
  const participation = await db.studyParticipation.findUniqueOrThrow({ where: { id: options.participationId } });
  if (participation.returnReason) {
    return { done: false };
  }
  const submitted = await db.assignment.count({
    where: { participationId: options.participationId, status: "SUBMITTED", studyItem: { kind: "REGULAR" } },
  });

  if (submitted < study.itemsPerWorker) {
    const heldLease = await db.assignment.findFirst({
      where: { participationId: options.participationId, status: "ASSIGNED", expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (heldLease) {
      return { done: false };
    }
    const claimable = await selectClaimableItem(db, {
      studyId: study.id,
      userId: options.userId,
      judgmentsPerItem: study.judgmentsPerItem,
      now: new Date(),
      lock: "none",
    });
    if (claimable) {
      return { done: false };
    }
  }

  return completeParticipation({ studyId: options.studyId, userId: options.userId });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
