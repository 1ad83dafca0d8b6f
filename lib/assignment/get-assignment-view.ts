import { describeCriterion, describePersona } from "@/lib/assignment/describe-preferences";
import { assignmentViewSchema, type AssignmentView } from "@/lib/assignment/schemas";
import { getPool } from "@/lib/db/pool";
import { AppError } from "@/lib/errors";
import type { AssignmentStatus, ComparedSystem } from "@/lib/generated/prisma/enums";
import { describeQualityWarning } from "@/lib/quality/policy";

type ViewRow = {
  userId: string;
  status: AssignmentStatus;
  shownFirst: ComparedSystem;
  expiresAt: Date;
  studyId: string;
  prompt: string;
  candidateText: string;
  baselineText: string;
  criterionDimensionKeys: string[];
  itemsPerWorker: number;
  attentionCheckEvery: number;
  goldItemsPerWorker: number;
  qualityWarnThreshold: number;
  qualityBlockThreshold: number;
  /** The combination's sides in dimension order. */
  sides: { id: string; dimensionKey: string; dimensionName: string; workerDescription: string }[];
  /** Submitted items of every kind, checks included. */
  submitted: number;
  regularItemCount: number;
  goldItemCount: number;
  /** Submitted items that missed an expected verdict or were too fast; an item that did both counts once. */
  failedChecks: number;
};

/**
 * Build what the crowdworker's browser may see of one of their assignments: the prompt, the
 * persona, the criteria and the two responses in display order, plus a quality warning once the
 * crowdworker's failed checks reach the study's warn threshold. Attention checks show their own
 * prompt and responses. Progress counts check items like regular ones, so that a check and the
 * item after it show different numbers without telling which one was the check. Throws FORBIDDEN for an
 * assignment that does not exist or belongs to someone else, so ids cannot be probed.
 * Reads everything in one query, because the judging screen calls it after every claim.
 */
export async function getAssignmentView(options: { assignmentId: string; userId: string }): Promise<AssignmentView> {
  const { rows } = await getPool().query<ViewRow>(
    `SELECT a."userId", a.status, a."shownFirst", a."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", study.id AS "studyId",
       coalesce(item."shownPrompt", prompt.text) AS prompt,
       coalesce(item."shownCandidateText", candidate.text) AS "candidateText",
       coalesce(item."shownBaselineText", baseline.text) AS "baselineText",
       study."criterionDimensionKeys", study."itemsPerWorker", study."attentionCheckEvery", study."goldItemsPerWorker",
       study."qualityWarnThreshold", study."qualityBlockThreshold",
       (SELECT json_agg(json_build_object(
            'id', side.id, 'dimensionKey', dimension.key, 'dimensionName', dimension.name, 'workerDescription', side."workerDescription"
          ) ORDER BY dimension.position)
        FROM "CombinationSide" cs
        JOIN "Side" side ON side.id = cs."sideId"
        JOIN "Dimension" dimension ON dimension.id = side."dimensionId"
        WHERE cs."combinationId" = item."combinationId") AS sides,
       (SELECT count(*)::int FROM "Assignment" mine
        WHERE mine."participationId" = a."participationId" AND mine.status = 'SUBMITTED') AS submitted,
       (SELECT count(*)::int FROM "StudyItem" regular WHERE regular."studyId" = study.id AND regular.kind = 'REGULAR') AS "regularItemCount",
       (SELECT count(*)::int FROM "StudyItem" gold WHERE gold."studyId" = study.id AND gold.kind = 'GOLD') AS "goldItemCount",
       CASE WHEN study."qualityWarnThreshold" > 0 THEN
         (SELECT count(*)::int FROM "Assignment" mine
          WHERE mine."participationId" = a."participationId" AND mine.status = 'SUBMITTED' AND (mine."checkPassed" = false OR mine."tooFast"))
       ELSE 0 END AS "failedChecks"
     FROM "Assignment" a
     JOIN "StudyItem" item ON item.id = a."studyItemId"
     JOIN "Study" study ON study.id = item."studyId"
     JOIN "Prompt" prompt ON prompt.id = item."promptId"
     JOIN "Response" candidate ON candidate.id = item."candidateResponseId"
     JOIN "Response" baseline ON baseline.id = item."baselineResponseId"
     WHERE a.id = $1`,
    [options.assignmentId],
  );
  const view = rows[0];
  if (!view || view.userId !== options.userId) {
    throw new AppError("FORBIDDEN", `Assignment ${options.assignmentId} is not one of yours. Load your next item from the study page.`);
  }

  const criteria = view.sides
    .filter((side) => view.criterionDimensionKeys.includes(side.dimensionKey))
    .map((side) => ({
      criterionSideId: side.id,
      dimensionKey: side.dimensionKey,
      wording: describeCriterion(side.dimensionName, side.workerDescription),
    }));
  const [first, second] =
    view.shownFirst === "CANDIDATE" ? [view.candidateText, view.baselineText] : [view.baselineText, view.candidateText];
  const warned = view.qualityWarnThreshold > 0 && view.failedChecks >= view.qualityWarnThreshold;

  return assignmentViewSchema.parse({
    assignmentId: options.assignmentId,
    studyId: view.studyId,
    status: view.status,
    prompt: view.prompt,
    persona: describePersona(view.sides.map((side) => side.workerDescription)),
    criteria,
    responseA: first,
    responseB: second,
    progress: { done: view.submitted, total: countPlannedItems(view) },
    expiresAt: view.expiresAt.toISOString(),
    ...(warned ? { warning: describeQualityWarning(view.failedChecks, view.qualityBlockThreshold) } : {}),
  });
}

/**
 * Count the items a crowdworker judges in the study: the regular items up to itemsPerWorker, one
 * attention check after every attentionCheckEvery of them except the last, and the gold items.
 * NOTE: this is the plan for a study with enough regular items. When the regular items run out
 * before itemsPerWorker, the crowdworker may finish before this count or get one more check.
 */
function countPlannedItems(view: ViewRow): number {
  const regular = Math.min(view.itemsPerWorker, view.regularItemCount);
  if (regular === 0) {
    return 0;
  }

  const attentionChecks = view.attentionCheckEvery > 0 ? Math.floor((regular - 1) / view.attentionCheckEvery) : 0;
  const goldItems = Math.min(view.goldItemsPerWorker, view.goldItemCount);
  return regular + attentionChecks + goldItems;
}
