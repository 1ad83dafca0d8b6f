import { db } from "@/lib/db/prisma";

const CHUNK_SIZE = 5_000;

/** Return the cache keys among `keys` that any run has answered successfully. */
export async function findCachedKeys(keys: readonly string[]): Promise<Set<string>> {
  const cached = new Set<string>();

  for (let start = 0; start < keys.length; start += CHUNK_SIZE) {
    const rows = await db.judgeCall.findMany({
      where: { cacheKey: { in: keys.slice(start, start + CHUNK_SIZE) }, status: "SUCCEEDED" },
      select: { cacheKey: true },
      distinct: ["cacheKey"],
    });
    rows.forEach((row) => cached.add(row.cacheKey));
  }
  return cached;
}
