import { z } from "zod";

import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { syncCombinations } from "@/lib/preferences/sync-combinations";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

export const createDimensionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Z]+[0-9]+$/, "must be upper-case letters followed by digits, such as P4"),
  name: z.string().trim().min(1, "enter a name, such as Safety").max(100, "must be at most 100 characters"),
  description: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
});

export type CreateDimensionInput = z.input<typeof createDimensionSchema>;

/**
 * Add a preference dimension after the existing ones. It takes part in combinations once it
 * has sides; syncCombinations runs anyway so the stored combinations always match.
 */
export async function createDimension({ actor, input }: { actor: Actor | null | undefined; input: CreateDimensionInput }) {
  assertRole(actor, "RESEARCHER");

  const parsed = createDimensionSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `The dimension is invalid. ${formatZodError(parsed.error)}`, {
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    });
  }
  const { key, name, description } = parsed.data;

  const duplicate = await db.dimension.findUnique({ where: { key }, select: { name: true } });
  if (duplicate) {
    throw duplicateKey(key, duplicate.name);
  }

  const last = await db.dimension.aggregate({ _max: { position: true } });
  const position = (last._max.position ?? -1) + 1;

  try {
    const dimension = await db.dimension.create({ data: { key, name, description, position } });
    await syncCombinations();
    return dimension;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw duplicateKey(key, name);
    }
    throw error;
  }
}

function duplicateKey(key: string, existingName: string): AppError {
  return new AppError("CONFLICT", `A dimension with key ${key} (${existingName}) already exists; choose another key.`, {
    fieldErrors: { key: [`${key} is already taken`] },
  });
}
