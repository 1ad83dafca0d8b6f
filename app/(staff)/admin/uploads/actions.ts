"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { AppError, formatZodError } from "@/lib/errors";
import { importPromptSet } from "@/lib/imports/import-prompt-set";
import { importResponses } from "@/lib/imports/import-responses";
import type { PromptImportReport, ResponseImportReport } from "@/lib/imports/import-types";
import { PROMPT_SET_NAME_MAX_LENGTH } from "@/lib/imports/plan-prompt-import";
import { previewPromptImport } from "@/lib/imports/preview-prompt-import";
import { previewResponseImport } from "@/lib/imports/preview-response-import";
import { logger } from "@/lib/logger";

/** Characters of file content accepted; next.config allows Server Action bodies of 20 MB. */
const MAX_CONTENT_LENGTH = 15_000_000;

const fileSchema = {
  fileName: z.string().trim().min(1, "Choose a file.").max(255),
  content: z.string().max(MAX_CONTENT_LENGTH, `The file is too large; split it into files under ${MAX_CONTENT_LENGTH / 1_000_000} MB.`),
};

const promptImportSchema = z.object({ ...fileSchema, name: z.string().max(PROMPT_SET_NAME_MAX_LENGTH) });

const responseImportSchema = z.object({
  ...fileSchema,
  promptSetId: z.string().min(1, "Choose a prompt set."),
  systemName: z.string().trim().max(200).optional(),
});

export type ImportActionResult<Report> = { ok: true; report: Report } | { ok: false; message: string; report?: Report };

export async function previewPromptImportAction(input: z.input<typeof promptImportSchema>): Promise<ImportActionResult<PromptImportReport>> {
  return runImportAction("preview prompt set", async () => {
    const actor = await requireRole("ADMIN");
    return previewPromptImport({ actor, ...promptImportSchema.parse(input) });
  });
}

export async function importPromptSetAction(input: z.input<typeof promptImportSchema>): Promise<ImportActionResult<PromptImportReport>> {
  return runImportAction("import prompt set", async () => {
    const actor = await requireRole("ADMIN");
    const report = await importPromptSet({ actor, ...promptImportSchema.parse(input) });

    revalidatePath("/admin/uploads");
    return report;
  });
}

export async function previewResponseImportAction(input: z.input<typeof responseImportSchema>): Promise<ImportActionResult<ResponseImportReport>> {
  return runImportAction("preview model outputs", async () => {
    const actor = await requireRole("ADMIN");
    return previewResponseImport({ actor, ...responseImportSchema.parse(input) });
  });
}

export async function importResponsesAction(input: z.input<typeof responseImportSchema>): Promise<ImportActionResult<ResponseImportReport>> {
  return runImportAction("import model outputs", async () => {
    const actor = await requireRole("ADMIN");
    const report = await importResponses({ actor, ...responseImportSchema.parse(input) });

    revalidatePath("/admin/uploads");
    return report;
  });
}

/** Map expected failures to a message (and the report, when the import function attached one). */
async function runImportAction<Report>(step: string, run: () => Promise<Report>): Promise<ImportActionResult<Report>> {
  try {
    return { ok: true, report: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.details as { report?: Report } | undefined;
      return { ok: false, message: error.message, report: details?.report };
    }
    if (error instanceof ZodError) {
      return { ok: false, message: formatZodError(error) };
    }

    logger.error({ err: error, step }, "import action failed");
    return { ok: false, message: `The ${step} step failed on the server. Try again; if it fails again, check the server log.` };
  }
}
