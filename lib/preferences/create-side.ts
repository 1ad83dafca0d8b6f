import { z } from "zod";

import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { syncCombinations } from "@/lib/preferences/sync-combinations";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

const requiredText = (fieldLabel: string) => z.string().trim().min(1, `enter the ${fieldLabel}`).max(1000, "must be at most 1000 characters");

export const createSideSchema = z.object({
  dimensionKey: z.string().trim().min(1, "choose the dimension the side belongs to"),
  letter: z
    .string()
    .trim()
    .regex(/^[A-Z]$/, "must be a single upper-case letter, such as C"),
  shortName: z.string().trim().min(1, "enter a short name, such as sassy").max(50, "must be at most 50 characters"),
  generationPrompt: requiredText("generation prompt"),
  judgeCriterion: requiredText("judge criterion"),
  workerDescription: requiredText("crowdworker wording"),
});

export type CreateSideInput = z.input<typeof createSideSchema>;

/**
 * Add a side to a dimension, keyed by the dimension key plus its letter (P3C), then store the
 * combinations it creates. Returns the side and how many combinations were added.
 */
export async function createSide({ actor, input }: { actor: Actor | null | undefined; input: CreateSideInput }) {
  assertRole(actor, "RESEARCHER");

  const parsed = createSideSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `The side is invalid. ${formatZodError(parsed.error)}`, {
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    });
  }
  const { dimensionKey, ...side } = parsed.data;

  const dimension = await db.dimension.findUnique({
    where: { key: dimensionKey },
    select: { id: true, sides: { select: { letter: true, shortName: true } } },
  });
  if (!dimension) {
    throw new AppError("NOT_FOUND", `Dimension ${dimensionKey} does not exist; add it first or choose one from the list.`);
  }

  const duplicate = dimension.sides.find((existing) => existing.letter === side.letter);
  if (duplicate) {
    throw duplicateLetter(dimensionKey, side.letter, duplicate.shortName);
  }

  try {
    const created = await db.side.create({ data: { ...side, key: `${dimensionKey}${side.letter}`, dimensionId: dimension.id } });
    const combinationsCreated = await syncCombinations();
    return { side: created, combinationsCreated };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw duplicateLetter(dimensionKey, side.letter, side.shortName);
    }
    throw error;
  }
}

function duplicateLetter(dimensionKey: string, letter: string, existingShortName: string): AppError {
  return new AppError("CONFLICT", `Dimension ${dimensionKey} already has a side ${letter} (${existingShortName}); choose another letter.`, {
    fieldErrors: { letter: [`${dimensionKey}${letter} is already taken`] },
  });
}
