import { randomUUID } from "node:crypto";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import type { Choice } from "@/lib/assignment/schemas";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";
import { ATTENTION_CHECK_TEXT } from "@/lib/quality/policy";

import { createJudgingStudy } from "./assignment-fixtures";

export type QualitySettings = {
  minSecondsPerItem?: number;
  attentionCheckEvery?: number;
  goldItemsPerWorker?: number;
  comprehensionCheck?: boolean;
  qualityWarnThreshold?: number;
  qualityBlockThreshold?: number;
};

/** Create an open judging study (one criterion, P2) and apply quality settings to it. */
export async function createQualityStudy(options: { itemCount: number; itemsPerWorker?: number; judgmentsPerItem?: number } & QualitySettings) {
  const { itemCount, itemsPerWorker, judgmentsPerItem, ...settings } = options;
  const created = await createJudgingStudy({ itemCount, itemsPerWorker, judgmentsPerItem, criterionDimensionKeys: ["P2"] });
  const study = await db.study.update({ where: { id: created.study.id }, data: settings });
  return { ...created, study };
}

/**
 * Claim the next item and submit `choice` on every criterion. "attention-correct" and
 * "attention-wrong" pick the position of the response that starts with ATTENTION, or the other one.
 */
export async function judgeNext(studyId: string, userId: string, choice: Choice | "attention-correct" | "attention-wrong" = "TIE") {
  const assignment = await claimNextItem({ studyId, userId });
  if (!assignment) {
    return { assignment: null, result: null };
  }

  const view = await getAssignmentView({ assignmentId: assignment.id, userId });
  const attentionChoice = view.responseA === ATTENTION_CHECK_TEXT.expectedResponse ? "A" : "B";
  const otherChoice = attentionChoice === "A" ? "B" : "A";
  let resolved: Choice;
  if (choice === "attention-correct") {
    resolved = attentionChoice;
  } else if (choice === "attention-wrong") {
    resolved = otherChoice;
  } else {
    resolved = choice;
  }

  const result = await submitJudgment({
    assignmentId: assignment.id,
    userId,
    requestId: randomUUID(),
    answers: view.criteria.map((criterion) => ({ criterionSideId: criterion.criterionSideId, choice: resolved })),
  });
  return { assignment, result, view };
}

/** Look up the kind of item behind an assignment. */
export async function kindOf(assignmentId: string) {
  const assignment = await db.assignment.findUniqueOrThrow({ where: { id: assignmentId }, include: { studyItem: { select: { kind: true } } } });
  return assignment.studyItem.kind;
}
