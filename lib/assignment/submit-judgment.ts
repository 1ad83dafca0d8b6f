import { verdictForChoice } from "@/lib/assignment/display-order";
import { buildNotCrowdworkerError } from "@/lib/assignment/build-not-crowdworker-error";
import { parseUtcTimestamp } from "@/lib/assignment/parse-assignment-row";
import type { JudgmentAnswer, SubmitResult } from "@/lib/assignment/schemas";
import { getPool } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";
import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";

export type SubmitJudgmentInput = {
  assignmentId: string;
  /** The signed-in crowdworker, taken from the session. */
  userId: string;
  /** Client-generated id of this submission; a retry with the same id returns the same result. */
  requestId: string;
  /** Choices between the displayed positions: A is the response shown first. */
  answers: readonly JudgmentAnswer[];
};

export type Criterion = { sideId: string; dimensionKey: string };

/**
 * Reads what checking the answers needs: the assignment's owner, its display order, and its
 * item's criteria in dimension order. Shared with bench/.
 */
export const SUBMIT_CONTEXT_STATEMENT = `
  SELECT a."userId", a."shownFirst", (
    SELECT coalesce(json_agg(json_build_object('sideId', side.id, 'dimensionKey', dimension.key) ORDER BY dimension.position), '[]')
    FROM "CombinationSide" cs
    JOIN "Side" side ON side.id = cs."sideId"
    JOIN "Dimension" dimension ON dimension.id = side."dimensionId"
    WHERE cs."combinationId" = item."combinationId" AND dimension.key = ANY (study."criterionDimensionKeys")
  ) AS criteria
  FROM "Assignment" a
  JOIN "StudyItem" item ON item.id = a."studyItemId"
  JOIN "Study" study ON study.id = item."studyId"
  WHERE a.id = $1`;

/** Stores the verdicts: one call of the SQL function, which returns a SubmitOutcome. Shared with bench/. */
export const SUBMIT_STATEMENT = "SELECT ladle_submit_judgments($1, $2, $3, $4, $5) AS submission";

export type SubmitContext = { userId: string; shownFirst: ComparedSystem; criteria: Criterion[] };

export type SubmitOutcome =
  | { outcome: "stored"; result: SubmitResult; blockedAfterFailedChecks?: number }
  | { outcome: "forbidden" | "not_crowdworker" | "study_not_open" | "returned" }
  | { outcome: "already_submitted"; acceptedRequestId: string | null }
  | { outcome: "expired"; expiresAt: string };

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
 * Two round trips: one query reads the item's criteria to check the answers, then one call of
 * the SQL function ladle_submit_judgments (migration 20261206000000_claim_submit_functions)
 * locks the participation, item and assignment rows, rechecks the assignment under the locks
 * and stores everything.
 *
 * Throws FORBIDDEN for an assignment that does not exist or is not theirs and for a user who
 * is not a crowdworker with an active account, STUDY_NOT_OPEN,
 * CONFLICT for an expired or released lease or an assignment already submitted under another
 * request id or with other answers, and INVALID_INPUT unless there is exactly one answer per
 * criterion.
 */
export async function submitJudgment(input: SubmitJudgmentInput): Promise<SubmitResult> {
  const { rows } = await getPool().query<SubmitContext>(SUBMIT_CONTEXT_STATEMENT, [input.assignmentId]);
  const assignment = rows[0];
  if (!assignment || assignment.userId !== input.userId) {
    throw forbidden(input);
  }

  const verdicts = resolveVerdicts(input.answers, assignment.criteria, assignment.shownFirst);

  const stored = await getPool().query<{ submission: SubmitOutcome }>(SUBMIT_STATEMENT, [
    input.assignmentId,
    input.userId,
    input.requestId,
    verdicts.map((entry) => entry.sideId),
    verdicts.map((entry) => entry.verdict),
  ]);
  return resultFromOutcome(stored.rows[0].submission, input);
}

function resultFromOutcome(submission: SubmitOutcome, input: SubmitJudgmentInput): SubmitResult {
  switch (submission.outcome) {
    case "stored":
      if (submission.blockedAfterFailedChecks !== undefined) {
        logger.info(
          { assignmentId: input.assignmentId, userId: input.userId, failedChecks: submission.blockedAfterFailedChecks },
          "crowdworker blocked after failed quality checks",
        );
      }
      return submission.result;
    case "forbidden":
      throw forbidden(input);
    case "not_crowdworker":
      throw buildNotCrowdworkerError();
    case "study_not_open":
      throw new AppError("STUDY_NOT_OPEN", "This study is not accepting judgments right now. Return to the recruiting platform.");
    case "already_submitted":
      logger.warn(
        { assignmentId: input.assignmentId, userId: input.userId, requestId: input.requestId, acceptedRequestId: submission.acceptedRequestId },
        "second submission for an assignment rejected",
      );
      throw new AppError("CONFLICT", "This item was already submitted, perhaps from another tab, so the answers on this page were not stored. Load the next item to continue.");
    case "returned":
      throw new AppError(
        "CONFLICT",
        "Your answers to this item were not stored because you returned this study, which gave its items back to other crowdworkers. " +
          'If you have not done so yet, return your submission on the recruiting platform (on Prolific: "Return submission").',
        { reason: "RETURN_REQUESTED" },
      );
    case "expired":
      throw new AppError(
        "CONFLICT",
        `Your time for this item ran out at ${parseUtcTimestamp(submission.expiresAt).toISOString()}. Load the next item to continue.`,
      );
  }
}

function forbidden(input: SubmitJudgmentInput): AppError {
  return new AppError("FORBIDDEN", `Assignment ${input.assignmentId} is not one of yours. Load your next item from the study page.`);
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
      `${missing.length === 1 ? "Criterion" : "Criteria"} ${missing.map((criterion) => criterion.dimensionKey).join(", ")} ` +
        `${missing.length === 1 ? "has" : "have"} no answer. Answer every question before submitting.`,
      { missing: missing.map((criterion) => criterion.dimensionKey) },
    );
  }

  return criteria.map((criterion) => ({ sideId: criterion.sideId, verdict: verdictBySide.get(criterion.sideId)! }));
}
