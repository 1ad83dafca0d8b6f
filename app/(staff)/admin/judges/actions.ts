"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { AppError, formatZodError } from "@/lib/errors";
import { createJudge } from "@/lib/judges/create-judge";
import { createJudgeVersion } from "@/lib/judges/create-judge-version";
import { judgeSettingsSchema } from "@/lib/judges/judge-settings-schema";
import type { JudgeRunPreview } from "@/lib/judges/plan-judge-run-preview";
import { previewJudgeRun } from "@/lib/judges/preview-judge-run";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { logger } from "@/lib/logger";

export type JudgeActionResult<Value> = { ok: true; value: Value } | { ok: false; message: string };

/** Settings as the form sends them: every field a string, the templates as JSON text. */
const settingsInputSchema = z.object({ templatesJson: z.string().max(1_000_000) }).catchall(z.string().max(2_000));

const createJudgeSchema = z.object({
  name: z.string().trim().min(1, "Enter a judge name.").max(200),
  description: z.string().max(2_000),
  settings: settingsInputSchema,
});

const createVersionSchema = z.object({ judgeId: z.string().min(1), settings: settingsInputSchema });

const runSchema = z.object({
  judgeVersionId: z.string().min(1),
  targetKind: z.enum(["study", "labeling"]),
  targetId: z.string().min(1, "Choose a study or a labelling set."),
  criterionSideId: z.string().optional(),
  budgetUsd: z.string().trim().regex(/^$|^\d+(\.\d+)?$/, "Enter the budget in US dollars, such as 25 or 12.50, or leave it empty for no cap."),
});

export async function createJudgeAction(input: z.input<typeof createJudgeSchema>): Promise<JudgeActionResult<{ judgeId: string }>> {
  return runJudgeAction("create judge", async () => {
    const actor = await requireRole("ADMIN");
    const { name, description, settings } = createJudgeSchema.parse(input);
    const judge = await createJudge({ actor, name, description, settings: parseSettings(settings) });

    revalidatePath("/admin/judges");
    return { judgeId: judge.id };
  });
}

export async function createJudgeVersionAction(input: z.input<typeof createVersionSchema>): Promise<JudgeActionResult<{ version: number }>> {
  return runJudgeAction("create judge version", async () => {
    const actor = await requireRole("ADMIN");
    const { judgeId, settings } = createVersionSchema.parse(input);
    const version = await createJudgeVersion({ actor, judgeId, settings: parseSettings(settings) });

    revalidatePath(`/admin/judges/${judgeId}`);
    return { version: version.version };
  });
}

export async function previewJudgeRunAction(input: z.input<typeof runSchema>): Promise<JudgeActionResult<JudgeRunPreview>> {
  return runJudgeAction("preview judge run", async () => {
    const actor = await requireRole("ADMIN");
    const { judgeVersionId, target } = parseRun(input);
    return previewJudgeRun({ actor, judgeVersionId, target });
  });
}

export async function startJudgeRunAction(input: z.input<typeof runSchema>): Promise<JudgeActionResult<{ runId: string; created: boolean }>> {
  return runJudgeAction("start judge run", async () => {
    const actor = await requireRole("ADMIN");
    const { judgeVersionId, target, budgetUsd } = parseRun(input);
    const result = await startJudgeRun({ actor, judgeVersionId, target, budgetUsd });

    revalidatePath("/admin/judges");
    return result;
  });
}

function parseSettings({ templatesJson, ...fields }: z.infer<typeof settingsInputSchema>) {
  let templates: unknown;
  try {
    templates = JSON.parse(templatesJson);
  } catch (error) {
    throw new AppError("INVALID_INPUT", `The templates are not valid JSON: ${error instanceof Error ? error.message : String(error)}. Fix the JSON and save again.`);
  }
  return judgeSettingsSchema.parse({ ...fields, structuredOutput: fields.structuredOutput === "true", templates });
}

function parseRun(input: z.input<typeof runSchema>) {
  const run = runSchema.parse(input);
  const target =
    run.targetKind === "study" ? { studyId: run.targetId } : { labelingSetId: run.targetId, criterionSideId: run.criterionSideId || null };
  return { judgeVersionId: run.judgeVersionId, target, budgetUsd: run.budgetUsd === "" ? null : Number(run.budgetUsd) };
}

async function runJudgeAction<Value>(step: string, run: () => Promise<Value>): Promise<JudgeActionResult<Value>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, message: error.message };
    }
    if (error instanceof ZodError) {
      return { ok: false, message: formatZodError(error) };
    }

    logger.error({ err: error, step }, "judge action failed");
    return { ok: false, message: `The ${step} step failed on the server. Try again; if it fails again, check the server log.` };
  }
}
