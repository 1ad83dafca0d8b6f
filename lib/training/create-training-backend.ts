import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db, type Prisma } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { BACKEND_SETTINGS_SCHEMAS } from "@/lib/training/backend-settings";

export const createTrainingBackendSchema = z.object({
  name: z.string().trim().min(1, "enter a backend name").max(100, "must be at most 100 characters"),
  kind: z.enum(["COMMAND", "WEBHOOK", "RAY"], "choose command, webhook or Ray"),
  /** The kind's settings as a JSON object, as typed into the form. */
  settings: z.string().trim().min(1, "enter the settings as a JSON object"),
});

export type CreateTrainingBackendInput = z.input<typeof createTrainingBackendSchema>;

/**
 * Store a training backend after validating its settings for its kind. Admins only, because a
 * COMMAND backend runs its template on the worker's machine. Throws INVALID_INPUT naming each
 * invalid setting, and CONFLICT for a name in use.
 */
export async function createTrainingBackend({ actor, input }: { actor: Actor | null | undefined; input: CreateTrainingBackendInput }) {
  const admin = assertRole(actor, "ADMIN");
  const { name, kind, settings: settingsText } = parseOrThrow(createTrainingBackendSchema, input, "");

  let settingsJson: unknown;
  try {
    settingsJson = JSON.parse(settingsText);
  } catch (error) {
    throw new AppError("INVALID_INPUT", `The settings are not valid JSON (${(error as Error).message}); enter a JSON object.`, { fieldErrors: { settings: ["not valid JSON"] } });
  }
  const settings = parseOrThrow(BACKEND_SETTINGS_SCHEMAS[kind], settingsJson, "settings: ");

  if (await db.trainingBackend.findUnique({ where: { name } })) {
    throw new AppError("CONFLICT", `A training backend named ${name} already exists; choose another name.`, { fieldErrors: { name: ["name in use"] } });
  }
  const backend = await db.trainingBackend.create({ data: { name, kind, settings: settings as Prisma.InputJsonObject, createdById: admin.id } });

  logger.info({ trainingBackendId: backend.id, kind, createdBy: admin.id }, "training backend created");
  return backend;
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `${prefix}${formatZodError(parsed.error)}`);
  }
  return parsed.data;
}
