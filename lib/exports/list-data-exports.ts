import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";

/** Return the newest exports first, with who created them, for researchers and admins. */
export async function listDataExports({ actor, take = 100 }: { actor: Actor | null | undefined; take?: number }) {
  assertRole(actor, "RESEARCHER");

  return db.dataExport.findMany({
    orderBy: { createdAt: "desc" },
    take,
    include: { createdBy: { select: { email: true, name: true } } },
  });
}
