import { db } from "@/lib/db/prisma";

/** Load the dimensions in position order with their sides by letter, and the stored combinations by name. */
export async function listPreferences() {
  const [dimensions, combinations] = await Promise.all([
    db.dimension.findMany({ orderBy: { position: "asc" }, include: { sides: { orderBy: { letter: "asc" } } } }),
    db.combination.findMany({ orderBy: [{ name: "asc" }, { sideKeys: "asc" }], select: { id: true, name: true, sideKeys: true } }),
  ]);
  return { dimensions, combinations };
}
