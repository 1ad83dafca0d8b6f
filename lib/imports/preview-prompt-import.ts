import { db } from "@/lib/db/prisma";
import { assertAdmin, type ImportActor } from "@/lib/imports/assert-admin";
import type { PromptImportReport } from "@/lib/imports/import-types";
import { planPromptImport } from "@/lib/imports/plan-prompt-import";

/** Report what importing a prompt file under `name` would store, and every problem found, without writing. */
export async function previewPromptImport(options: {
  actor: ImportActor;
  fileName: string;
  content: string;
  name: string;
}): Promise<PromptImportReport> {
  assertAdmin(options.actor);

  const { report } = await planPromptImport({ client: db, ...options });
  return report;
}
