import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export const markGoldItemSchema = z.object({
  studyItemId: z.string().trim().min(1, "enter the item id, as in the item_id column of the judgments CSV"),
  /** Expected verdict per criterion dimension key, such as { P2: "CANDIDATE" }; criteria left out are not scored. */
  expectedVerdicts: z
    .record(z.string(), z.enum(["CANDIDATE", "TIE", "BASELINE"]))
    .refine((verdicts) => Object.keys(verdicts).length > 0, "choose an expected verdict for at least one criterion"),
});

export type MarkGoldItemInput = z.input<typeof markGoldItemSchema>;

/**
 * Mark a regular item of a study as gold with its expected verdicts, or replace the expected
 * verdicts of a gold item. A gold item leaves the pool of regular items: crowdworkers get it
 * only as one of the study's gold items, and its judgments are scored, not counted in win rates.
 * Throws NOT_FOUND for an item outside the study and INVALID_INPUT for an attention check or a
 * criterion the study does not ask.
 */
export async function markGoldItem({ actor, studyId, input }: { actor: Actor | null | undefined; studyId: string; input: MarkGoldItemInput }) {
  assertRole(actor, "RESEARCHER");

  const parsed = markGoldItemSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `The gold item is invalid: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.`);
  }
  const { studyItemId, expectedVerdicts } = parsed.data;

  const item = await db.studyItem.findUnique({
    where: { id: studyItemId },
    include: {
      study: { select: { criterionDimensionKeys: true } },
      combination: { include: { sides: { include: { side: { include: { dimension: { select: { key: true } } } } } } } },
    },
  });
  if (!item || item.studyId !== studyId) {
    throw new AppError("NOT_FOUND", `Item ${studyItemId} is not an item of study ${studyId}. Copy an item_id from this study's judgments CSV.`);
  }
  if (item.kind === "ATTENTION") {
    throw new AppError("INVALID_INPUT", `Item ${studyItemId} is a generated attention check. Choose a regular item.`);
  }

  const sideIdByKey = new Map(
    item.combination.sides
      .filter(({ side }) => item.study.criterionDimensionKeys.includes(side.dimension.key))
      .map(({ side }) => [side.dimension.key, side.id]),
  );
  const unknown = Object.keys(expectedVerdicts).filter((key) => !sideIdByKey.has(key));
  if (unknown.length > 0) {
    throw new AppError(
      "INVALID_INPUT",
      `Criteria ${unknown.join(", ")} are not asked in this study. Use ${[...sideIdByKey.keys()].join(", ")}.`,
    );
  }

  await db.$transaction([
    db.expectedVerdict.deleteMany({ where: { studyItemId } }),
    db.studyItem.update({
      where: { id: studyItemId },
      data: {
        kind: "GOLD",
        expectedVerdicts: {
          create: Object.entries(expectedVerdicts).map(([key, verdict]) => ({ criterionSideId: sideIdByKey.get(key)!, verdict })),
        },
      },
    }),
  ]);
  logger.info({ studyId, studyItemId, expectedVerdicts, actorId: actor?.id }, "item marked as gold");
}
