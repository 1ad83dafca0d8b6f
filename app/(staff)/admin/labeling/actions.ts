"use server";

import { revalidatePath } from "next/cache";
import { z, ZodError } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { AppError, formatZodError } from "@/lib/errors";
import { importLabelingSet } from "@/lib/labeling/import-labeling-set";
import type { LabelingImportReport } from "@/lib/labeling/labeling-types";
import { LABELING_SET_NAME_MAX_LENGTH } from "@/lib/labeling/plan-labeling-import";
import { previewLabelingImport } from "@/lib/labeling/preview-labeling-import";
import { logger } from "@/lib/logger";

/** Characters of file content accepted; next.config allows Server Action bodies of 20 MB. */
const MAX_CONTENT_LENGTH = 15_000_000;

const labelingImportSchema = z.object({
  fileName: z.string().trim().min(1, "Choose a file.").max(255),
  content: z.string().max(MAX_CONTENT_LENGTH, `The file is too large; split it into files under ${MAX_CONTENT_LENGTH / 1_000_000} MB.`),
  name: z.string().max(LABELING_SET_NAME_MAX_LENGTH),
});

export type LabelingActionResult = { ok: true; report: LabelingImportReport } | { ok: false; message: string; report?: LabelingImportReport };

export async function previewLabelingImportAction(input: z.input<typeof labelingImportSchema>): Promise<LabelingActionResult> {
  return runLabelingAction("preview labelling set", async () => {
    const actor = await requireRole("ADMIN");
    return previewLabelingImport({ actor, ...labelingImportSchema.parse(input) });
  });
}

export async function importLabelingSetAction(input: z.input<typeof labelingImportSchema>): Promise<LabelingActionResult> {
  return runLabelingAction("import labelling set", async () => {
    const actor = await requireRole("ADMIN");
    const report = await importLabelingSet({ actor, ...labelingImportSchema.parse(input) });

    revalidatePath("/admin/labeling");
    return report;
  });
}

async function runLabelingAction(step: string, run: () => Promise<LabelingImportReport>): Promise<LabelingActionResult> {
  try {
    return { ok: true, report: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.details as { report?: LabelingImportReport } | undefined;
      return { ok: false, message: error.message, report: details?.report };
    }
    if (error instanceof ZodError) {
      return { ok: false, message: formatZodError(error) };
    }

    logger.error({ err: error, step }, "labelling action failed");
    return { ok: false, message: `The ${step} step failed on the server. Try again; if it fails again, check the server log.` };
  }
}
