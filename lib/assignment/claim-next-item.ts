import { drawOrderSeed, shownFirstFromSeed } from "@/lib/assignment/display-order";
import { parseAssignmentRow, type AssignmentRow } from "@/lib/assignment/parse-assignment-row";
import { getPool } from "@/lib/db/pool";
import { buildNotCrowdworkerError } from "@/lib/assignment/build-not-crowdworker-error";
import { AppError } from "@/lib/errors";
import type { Assignment } from "@/lib/generated/prisma/client";
import type { ReturnReason } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { ATTENTION_CHECK_TEXT, describeReturnRequest } from "@/lib/quality/policy";

/** How many times a claim is rerun after PostgreSQL aborted it to break a deadlock. */
const MAX_DEADLOCK_RETRIES = 3;

/** The whole claim: one call of the SQL function, which returns a ClaimOutcome. Shared with bench/. */
export const CLAIM_STATEMENT = "SELECT ladle_claim_next_item($1, $2, $3, $4, $5) AS claim";

/** Prompt, expected response and other response of a generated attention check, as the claim function takes them. */
export const ATTENTION_CHECK_TEXTS = [ATTENTION_CHECK_TEXT.prompt, ATTENTION_CHECK_TEXT.expectedResponse, ATTENTION_CHECK_TEXT.otherResponse];

export type ClaimOutcome =
  | { outcome: "assigned"; assignment: AssignmentRow }
  | { outcome: "none" | "not_crowdworker" | "study_not_found" | "study_not_open" | "not_entered" | "comprehension_required" | "all_full" }
  | { outcome: "return_requested"; reason: ReturnReason };

/**
 * Return the crowdworker's unexpired lease in an open study, or lease them a new item: an
 * attention check or gold item when one is due, else a regular item. Returns null when they
 * reached the study's itemsPerWorker cap (regular items only) or no item is open to them.
 * Throws FORBIDDEN unless the user is a crowdworker whose account is not disabled, and, with
 * `details.reason`, while the study's comprehension check is not passed
 * (COMPREHENSION_REQUIRED) and once the crowdworker was asked to return (RETURN_REQUESTED).
 *
 * The claim is one call of the SQL function ladle_claim_next_item (migration
 * 20261206000000_claim_submit_functions), one round trip in its own transaction. It locks the
 * participation, then items with SKIP LOCKED, and waits for a locked item only when every open
 * item is locked by another transaction, so that a busy moment is not mistaken for an exhausted
 * study. It rechecks the item's load under the lock before it inserts the lease.
 */
export async function claimNextItem(options: { studyId: string; userId: string }): Promise<Assignment | null> {
  const orderSeed = drawOrderSeed();

  for (let retry = 0; ; retry += 1) {
    try {
      const { rows } = await getPool().query<{ claim: ClaimOutcome }>(CLAIM_STATEMENT, [
        options.studyId,
        options.userId,
        orderSeed,
        shownFirstFromSeed(orderSeed),
        ATTENTION_CHECK_TEXTS,
      ]);
      return assignmentFromOutcome(rows[0].claim, options);
    } catch (error) {
      if (!isDeadlock(error) || retry >= MAX_DEADLOCK_RETRIES) {
        throw error;
      }
      logger.warn({ ...options, retry }, "claim aborted by a deadlock; retrying");
    }
  }
}

function assignmentFromOutcome(claim: ClaimOutcome, options: { studyId: string; userId: string }): Assignment | null {
  switch (claim.outcome) {
    case "assigned":
      return parseAssignmentRow(claim.assignment);
    case "none":
      return null;
    case "not_crowdworker":
      throw buildNotCrowdworkerError();
    case "study_not_found":
      throw new AppError("NOT_FOUND", `Study ${options.studyId} does not exist. Check the study link you were given.`);
    case "study_not_open":
      throw new AppError("STUDY_NOT_OPEN", "This study is not accepting judgments right now. Return to the recruiting platform.");
    case "not_entered":
      throw new AppError("FORBIDDEN", `You have not entered study ${options.studyId}. Open the study link you were given.`);
    case "return_requested":
      throw new AppError("FORBIDDEN", describeReturnRequest(claim.reason), { reason: "RETURN_REQUESTED" });
    case "comprehension_required":
      throw new AppError(
        "FORBIDDEN",
        "Answer the questions about the task on the instructions page before your first item.",
        { reason: "COMPREHENSION_REQUIRED" },
      );
    case "all_full":
      logger.warn(options, "claim found only full items");
      throw new AppError("CONFLICT", "Many people are starting items at once. Reload the page to get your next item.");
  }
}

/** PostgreSQL error 40P01, as the pg driver reports it. */
function isDeadlock(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "40P01";
}
