import { drawOrderSeed, shownFirstFromSeed } from "@/lib/assignment/display-order";
import { lockParticipation } from "@/lib/assignment/lock-participation";
import { selectClaimableItem } from "@/lib/assignment/select-claimable-item";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma, type Assignment } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { describeReturnRequest } from "@/lib/quality/policy";
import { prepareDueCheck } from "@/lib/quality/prepare-due-check";

/** How many items one claim locks before giving up when each turns out full once locked. */
const MAX_ITEMS_TRIED = 25;

/** How many times a claim transaction is rerun after PostgreSQL aborted it to break a deadlock. */
const MAX_DEADLOCK_RETRIES = 3;

/** Milliseconds to wait for a pooled connection, and for the whole transaction. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

/**
 * Return the crowdworker's unexpired lease in an open study, or lease them a new item: an
 * attention check or gold item when one is due, else a regular item. Returns null when they
 * reached the study's itemsPerWorker cap (regular items only) or no item is open to them.
 * Throws FORBIDDEN, with `details.reason`, while the study's comprehension check is not
 * passed (COMPREHENSION_REQUIRED) and once the crowdworker was asked to return (RETURN_REQUESTED).
 *
 * Locks are taken in the order participation, item, assignment (as in submitJudgment), and
 * lease statuses change only while their item is locked. Items are locked with SKIP LOCKED
 * first. The claim waits for a locked item only when every open item is locked by another
 * transaction, so that a busy moment is not mistaken for an exhausted study.
 */
export async function claimNextItem(options: { studyId: string; userId: string }): Promise<Assignment | null> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await db.$transaction((tx) => claimInTransaction(tx, options), TRANSACTION_OPTIONS);
    } catch (error) {
      if (!isDeadlock(error) || retry >= MAX_DEADLOCK_RETRIES) {
        throw error;
      }
      logger.warn({ ...options, retry }, "claim aborted by a deadlock; retrying");
    }
  }
}

async function claimInTransaction(
  tx: Prisma.TransactionClient,
  options: { studyId: string; userId: string },
): Promise<Assignment | null> {
  const { studyId, userId } = options;

  const study = await tx.study.findUnique({ where: { id: studyId } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the study link you were given.`);
  }
  if (study.status !== "OPEN") {
    throw new AppError("STUDY_NOT_OPEN", "This study is not accepting judgments right now. Return to the recruiting platform.");
  }

  const participationId = await lockParticipation(tx, { studyId, userId });
  await assertMayJudge(tx, { participationId, comprehensionCheck: study.comprehensionCheck });

  const current = await tx.assignment.findFirst({
    where: { participationId, status: "ASSIGNED", expiresAt: { gt: new Date() } },
    orderBy: { assignedAt: "asc" },
  });
  if (current) {
    return current;
  }

  const regularSubmitted = await tx.assignment.count({
    where: { participationId, status: "SUBMITTED", studyItem: { kind: "REGULAR" } },
  });
  if (regularSubmitted >= study.itemsPerWorker) {
    return null;
  }

  const checkItemId = await prepareDueCheck(tx, { study, participationId, userId, regularSubmitted });
  if (checkItemId) {
    return createLease(tx, { itemId: checkItemId, participationId, userId, leaseMinutes: study.leaseMinutes, now: new Date() });
  }

  for (let tried = 0; tried < MAX_ITEMS_TRIED; tried += 1) {
    const selection = { studyId, userId, judgmentsPerItem: study.judgmentsPerItem, now: new Date() };
    const itemId =
      (await selectClaimableItem(tx, { ...selection, lock: "skip" })) ??
      (await selectClaimableItem(tx, { ...selection, lock: "wait" }));
    if (!itemId) {
      return null;
    }

    // The item is locked now, so this statement's fresh snapshot includes every lease
    // committed on it, and no other claim or submission can change it until we commit.
    const now = new Date();
    if ((await countItemLoad(tx, itemId, now)) >= study.judgmentsPerItem) {
      continue;
    }

    await tx.assignment.updateMany({
      where: { studyItemId: itemId, status: "ASSIGNED", expiresAt: { lte: now } },
      data: { status: "EXPIRED" },
    });

    return createLease(tx, { itemId, participationId, userId, leaseMinutes: study.leaseMinutes, now });
  }

  logger.warn({ studyId, userId, tried: MAX_ITEMS_TRIED }, "claim found only full items");
  throw new AppError("CONFLICT", "Many people are starting items at once. Reload the page to get your next item.");
}

/** Throw FORBIDDEN when the crowdworker may not judge yet (comprehension check) or any more (asked to return). */
async function assertMayJudge(
  tx: Prisma.TransactionClient,
  options: { participationId: string; comprehensionCheck: boolean },
): Promise<void> {
  const participation = await tx.studyParticipation.findUniqueOrThrow({ where: { id: options.participationId } });

  if (participation.returnReason) {
    throw new AppError("FORBIDDEN", describeReturnRequest(participation.returnReason), { reason: "RETURN_REQUESTED" });
  }
  if (options.comprehensionCheck && !participation.comprehensionPassedAt) {
    throw new AppError(
      "FORBIDDEN",
      "Answer the questions about the task on the instructions page before your first item.",
      { reason: "COMPREHENSION_REQUIRED" },
    );
  }
}

/** Lease `itemId` with a freshly drawn display order. */
async function createLease(
  tx: Prisma.TransactionClient,
  options: { itemId: string; participationId: string; userId: string; leaseMinutes: number; now: Date },
): Promise<Assignment> {
  const orderSeed = drawOrderSeed();
  return tx.assignment.create({
    data: {
      studyItemId: options.itemId,
      participationId: options.participationId,
      userId: options.userId,
      orderSeed,
      shownFirst: shownFirstFromSeed(orderSeed),
      assignedAt: options.now,
      expiresAt: new Date(options.now.getTime() + options.leaseMinutes * 60_000),
    },
  });
}

/** Completed judgments plus unexpired leases on one item. */
async function countItemLoad(tx: Prisma.TransactionClient, itemId: string, now: Date): Promise<number> {
  const item = await tx.studyItem.findUniqueOrThrow({ where: { id: itemId }, select: { completedCount: true } });
  const activeLeases = await tx.assignment.count({
    where: { studyItemId: itemId, status: "ASSIGNED", expiresAt: { gt: now } },
  });
  return item.completedCount + activeLeases;
}

/**
 * PostgreSQL error 40P01. Prisma reports it as P2034 from model queries and as P2010, with
 * the original code, from raw queries.
 */
function isDeadlock(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) {
    return false;
  }
  return error.code === "P2034" || (error.code === "P2010" && JSON.stringify(error.meta ?? {}).includes("40P01"));
}
