"use server";

import { revalidatePath } from "next/cache";

import { requireRole } from "@/lib/auth/require-role";
import { createDataExport } from "@/lib/exports/create-data-export";
import type { ExportParametersInput } from "@/lib/exports/export-parameters";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";

/** Queue an export from the export form. The lib function validates every field. */
export async function createExportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    const text = (name: string) => String(formData.get(name) ?? "");
    const optional = (name: string) => (text(name).trim() === "" ? undefined : text(name));

    const input = {
      kind: text("kind"),
      format: text("format"),
      studyId: text("studyId"),
      labelingSetId: text("labelingSetId"),
      judgeVersionId: text("judgeVersionId"),
      judgeType: optional("judgeType"),
      excludedCrowdworkers: optional("excludedCrowdworkers"),
      layout: optional("layout"),
      seed: optional("seed"),
      evalFraction: optional("evalFraction"),
    } as unknown as ExportParametersInput;
    const dataExport = await createDataExport({ actor: user, input });

    revalidatePath("/exports");
    return { saved: true, message: `Export ${dataExport.id} queued. Its progress shows in the list below.` };
  } catch (error) {
    return toFormState(error, { action: "createExport" });
  }
}
