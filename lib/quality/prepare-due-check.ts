import { randomUUID } from "node:crypto";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { Study } from "@/lib/generated/prisma/client";
import { ATTENTION_CHECK_TEXT } from "@/lib/quality/policy";

type CheckSettings = Pick<Study, "id" | "criterionDimensionKeys" | "itemsPerWorker" | "attentionCheckEvery" | "goldItemsPerWorker">;

/**
 * Return the id of the check item a crowdworker should judge before their next regular item,
 * or null when none is due. An attention check is due after every `attentionCheckEvery`
 * regular items, and is generated here for this crowdworker alone. Gold item k of
 * `goldItemsPerWorker` (G) is due once k * itemsPerWorker / (G + 1) regular items are
 * submitted, which spreads them evenly; it is one the crowdworker never saw.
 * Must run inside the claim transaction, after the participation row is locked.
 */
export async function prepareDueCheck(
  tx: Prisma.TransactionClient,
  options: { study: CheckSettings; participationId: string; userId: string; regularSubmitted: number },
): Promise<string | null> {
  const { study, participationId, userId, regularSubmitted } = options;

  if (study.attentionCheckEvery > 0) {
    const attentionSubmitted = await countSubmitted(tx, participationId, "ATTENTION");
    if (Math.floor(regularSubmitted / study.attentionCheckEvery) > attentionSubmitted) {
      const attentionItemId = await createAttentionCheck(tx, { study, userId, sequence: attentionSubmitted });
      if (attentionItemId) {
        return attentionItemId;
      }
    }
  }

  if (study.goldItemsPerWorker > 0) {
    const goldSubmitted = await countSubmitted(tx, participationId, "GOLD");
    const dueAfter = Math.floor(((goldSubmitted + 1) * study.itemsPerWorker) / (study.goldItemsPerWorker + 1));
    if (goldSubmitted < study.goldItemsPerWorker && regularSubmitted >= dueAfter) {
      const gold = await tx.$queryRaw<{ id: string }[]>`
        SELECT item.id FROM "StudyItem" item
        WHERE item."studyId" = ${study.id} AND item.kind = 'GOLD'
          AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."studyItemId" = item.id AND mine."userId" = ${userId})
        ORDER BY md5(item.id || ${userId})
        LIMIT 1`;
      if (gold[0]) {
        return gold[0].id;
      }
    }
  }

  return null;
}

async function countSubmitted(tx: Prisma.TransactionClient, participationId: string, kind: "ATTENTION" | "GOLD"): Promise<number> {
  return tx.assignment.count({ where: { participationId, status: "SUBMITTED", studyItem: { kind } } });
}

/**
 * Generate an attention check that borrows a regular item's combination (so the persona and
 * criteria look like every other item) and its row references, but shows its own prompt and
 * responses. The expected verdict is the candidate side on every criterion; which position
 * shows it is drawn per assignment like any other item. Returns null for a study without
 * regular items.
 */
async function createAttentionCheck(
  tx: Prisma.TransactionClient,
  options: { study: CheckSettings; userId: string; sequence: number },
): Promise<string | null> {
  const { study, userId, sequence } = options;

  const sources = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "StudyItem"
    WHERE "studyId" = ${study.id} AND kind = 'REGULAR'
    ORDER BY md5(id || ${userId} || ${String(sequence)})
    LIMIT 1`;
  if (!sources[0]) {
    return null;
  }
  const source = await tx.studyItem.findUniqueOrThrow({
    where: { id: sources[0].id },
    include: { combination: { include: { sides: { include: { side: { include: { dimension: true } } } } } } },
  });

  const criterionSideIds = source.combination.sides
    .filter(({ side }) => study.criterionDimensionKeys.includes(side.dimension.key))
    .map(({ side }) => side.id);

  const check = await tx.studyItem.create({
    data: {
      studyId: study.id,
      kind: "ATTENTION",
      attentionCheckKey: randomUUID(),
      promptId: source.promptId,
      combinationId: source.combinationId,
      candidateResponseId: source.candidateResponseId,
      baselineResponseId: source.baselineResponseId,
      shownPrompt: ATTENTION_CHECK_TEXT.prompt,
      shownCandidateText: ATTENTION_CHECK_TEXT.expectedResponse,
      shownBaselineText: ATTENTION_CHECK_TEXT.otherResponse,
      expectedVerdicts: { create: criterionSideIds.map((criterionSideId) => ({ criterionSideId, verdict: "CANDIDATE" as const })) },
    },
  });
  return check.id;
}
