import { describeCriterion, describePersona } from "@/lib/assignment/describe-preferences";
import { assignmentViewSchema, type AssignmentView } from "@/lib/assignment/schemas";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { countFailedChecks } from "@/lib/quality/count-failed-checks";
import { describeQualityWarning } from "@/lib/quality/policy";

/**
 * Build what the crowdworker's browser may see of one of their assignments: the prompt, the
 * persona, the criteria and the two responses in display order, plus a quality warning once the
 * crowdworker's failed checks reach the study's warn threshold. Attention checks show their own
 * prompt and responses; progress counts regular items only. Throws FORBIDDEN for an
 * assignment that does not exist or belongs to someone else, so ids cannot be probed.
 */
export async function getAssignmentView(options: { assignmentId: string; userId: string }): Promise<AssignmentView> {
  const assignment = await db.assignment.findUnique({
    where: { id: options.assignmentId },
    include: {
      studyItem: {
        include: {
          study: true,
          prompt: { select: { text: true } },
          candidateResponse: { select: { text: true } },
          baselineResponse: { select: { text: true } },
          combination: { include: { sides: { include: { side: { include: { dimension: true } } } } } },
        },
      },
    },
  });
  if (!assignment || assignment.userId !== options.userId) {
    throw new AppError("FORBIDDEN", `Assignment ${options.assignmentId} is not one of yours. Load your next item from the study page.`);
  }

  const { studyItem } = assignment;
  const { study } = studyItem;
  const sides = [...studyItem.combination.sides]
    .sort((left, right) => left.side.dimension.position - right.side.dimension.position)
    .map(({ side }) => side);

  const criteria = sides
    .filter((side) => study.criterionDimensionKeys.includes(side.dimension.key))
    .map((side) => ({
      criterionSideId: side.id,
      dimensionKey: side.dimension.key,
      wording: describeCriterion(side.dimension.name, side.workerDescription),
    }));

  const candidateText = studyItem.shownCandidateText ?? studyItem.candidateResponse.text;
  const baselineText = studyItem.shownBaselineText ?? studyItem.baselineResponse.text;
  const [first, second] = assignment.shownFirst === "CANDIDATE" ? [candidateText, baselineText] : [baselineText, candidateText];

  const done = await db.assignment.count({
    where: { participationId: assignment.participationId, status: "SUBMITTED", studyItem: { kind: "REGULAR" } },
  });
  const itemCount = await db.studyItem.count({ where: { studyId: study.id, kind: "REGULAR" } });
  const failedChecks = study.qualityWarnThreshold > 0 ? await countFailedChecks(db, { participationId: assignment.participationId }) : 0;
  const warned = study.qualityWarnThreshold > 0 && failedChecks >= study.qualityWarnThreshold;

  return assignmentViewSchema.parse({
    assignmentId: assignment.id,
    studyId: study.id,
    status: assignment.status,
    prompt: studyItem.shownPrompt ?? studyItem.prompt.text,
    persona: describePersona(sides.map((side) => side.workerDescription)),
    criteria,
    responseA: first,
    responseB: second,
    progress: { done, total: Math.min(study.itemsPerWorker, itemCount) },
    expiresAt: assignment.expiresAt.toISOString(),
    ...(warned ? { warning: describeQualityWarning(failedChecks, study.qualityBlockThreshold) } : {}),
  });
}
