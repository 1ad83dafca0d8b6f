import { db } from "@/lib/db/prisma";
import { assertRole, type Actor } from "@/lib/auth/assert-role";
import type { ResponseImportReport } from "@/lib/imports/import-types";
import { planResponseImport } from "@/lib/imports/plan-response-import";

/**
 * Report how a model-output file matches the prompts of a prompt set: rows read, matched,
 * unmatched, duplicates and problems, without writing. `systemName`, when given, names the
 * system of every row instead of the file's generator or system field.
 */
export async function previewResponseImport(options: {
  actor: Actor;
  fileName: string;
  content: string;
  promptSetId: string;
  systemName?: string;
}): Promise<ResponseImportReport> {
  assertRole(options.actor, "ADMIN");

  const { report } = await planResponseImport({ client: db, ...options });
  return report;
}
