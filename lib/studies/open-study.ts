import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { planStudyItems, type StudyItemPlan } from "@/lib/studies/plan-study-items";

/**
 * Open a DRAFT or CLOSED study to crowdworkers. The first opening generates the study's items
 * in bulk; reopening keeps the items and judgments already stored. Throws INVALID_INPUT,
 * naming what is missing, when no item can be formed.
 */
export async function openStudy({ actor, studyId }: { actor: Actor | null | undefined; studyId: string }) {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({
    where: { id: studyId },
    include: {
      promptSet: { select: { name: true } },
      candidates: { select: { systemId: true } },
      combinations: { select: { combinationId: true } },
      _count: { select: { items: { where: { kind: "REGULAR" } } } },
    },
  });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }
  if (study.status === "OPEN") {
    return { study, itemCount: study._count.items, createdItems: 0 };
  }

  let createdItems = 0;
  if (study._count.items === 0) {
    const plan = await planStudyItems({
      promptSetId: study.promptSetId,
      baselineSystemId: study.baselineSystemId,
      candidateSystemIds: study.candidates.map((candidate) => candidate.systemId),
      combinationIds: study.combinations.map((combination) => combination.combinationId),
    });
    if (plan.items.length === 0) {
      throw new AppError("INVALID_INPUT", describeMissingItems(plan, study.promptSet.name));
    }

    const created = await db.studyItem.createMany({
      data: plan.items.map((item) => ({ ...item, studyId })),
      skipDuplicates: true,
    });
    createdItems = created.count;
  }

  const opened = await db.study.update({
    where: { id: studyId },
    data: { status: "OPEN", openedAt: study.openedAt ?? new Date(), closedAt: null },
  });
  const itemCount = await db.studyItem.count({ where: { studyId, kind: "REGULAR" } });
  logger.info({ studyId, itemCount, createdItems }, "study opened");

  return { study: opened, itemCount, createdItems };
}

function describeMissingItems(plan: StudyItemPlan, promptSetName: string): string {
  if (plan.promptCount === 0) {
    return `The study cannot open: prompt set ${promptSetName} has no prompts. Upload prompts to it first.`;
  }

  const pairs = plan.candidates.map((candidate) => `baseline ${plan.baselineSystemName} and candidate ${candidate.systemName}`).join(", nor from ");
  return `The study cannot open: no prompt in ${promptSetName} has responses from both ${pairs} for the study's combinations. Upload the missing responses, or choose other systems.`;
}
