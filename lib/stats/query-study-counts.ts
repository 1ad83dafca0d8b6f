import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Memory PostgreSQL may use for one sort or hash of a statistics query. A hash may use
 * hash_mem_multiplier (2 by default in PostgreSQL 15) times as much. A million judgments group
 * into about 250,000 prompt x cell counts, which took 70 MB in a hash table. With the server
 * default of 4 MB that aggregate spilled to disk and took 1.6 times as long.
 */
const STATS_WORK_MEM = "64MB";

/** Run one statistics query in a transaction that raises work_mem for that transaction only. */
export async function queryStudyCounts<Row>(query: Prisma.Sql): Promise<Row[]> {
  const [, rows] = await db.$transaction([db.$executeRawUnsafe(`SET LOCAL work_mem = '${STATS_WORK_MEM}'`), db.$queryRaw<Row[]>(query)]);
  return rows;
}
