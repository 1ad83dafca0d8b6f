import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** Return one export with its status and progress. Throws NOT_FOUND for an unknown id. */
export async function getDataExport({ actor, exportId }: { actor: Actor | null | undefined; exportId: string }) {
  assertRole(actor, "RESEARCHER");

  const dataExport = await db.dataExport.findUnique({ where: { id: exportId } });
  if (!dataExport) {
    throw new AppError("NOT_FOUND", `Export ${exportId} does not exist. Pick one from the exports list.`);
  }
  return dataExport;
}
