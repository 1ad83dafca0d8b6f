import { db } from "@/lib/db/prisma";
import { assertRole, type Actor } from "@/lib/auth/assert-role";
import type { PromptImportReport } from "@/lib/imports/import-types";
import { planPromptImport } from "@/lib/imports/plan-prompt-import";

/** Report what importing a prompt file under `name` would store, and every problem found, without writing. */
export async function previewPromptImport(options: {
  actor: Actor;
  fileName: string;
  content: string;
  name: string;
}): Promise<PromptImportReport> {
  assertRole(options.actor, "ADMIN");

  const { report } = await planPromptImport({ client: db, ...options });
  return report;
}
