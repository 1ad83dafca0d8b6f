import { assertRole, type Actor } from "@/lib/auth/assert-role";
import type { LabelingImportReport } from "@/lib/labeling/labeling-types";
import { planLabelingImport } from "@/lib/labeling/plan-labeling-import";

/** Report what importing a labelling file under `name` would store, and every problem found, without writing. */
export async function previewLabelingImport(options: { actor: Actor; fileName: string; content: string; name: string }): Promise<LabelingImportReport> {
  assertRole(options.actor, "ADMIN");

  const { report } = await planLabelingImport(options);
  return report;
}
