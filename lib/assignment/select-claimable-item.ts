import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type QueryClient = Pick<PrismaClient, "$queryRaw">;

/**
 * Return the id of the regular item a crowdworker should judge next, or null when none is
 * open to them: a REGULAR item of the study they were never assigned, whose completed judgments plus
 * unexpired leases are below `judgmentsPerItem`. Least-judged combinations come first, then
 * least-judged items; ties are broken by a hash of item and user, so crowdworkers spread out.
 *
 * `lock` "skip" locks the row FOR UPDATE and skips rows other transactions hold; "wait"
 * waits for the best row instead. With either, the caller must run inside a transaction and
 * recheck the load after locking, because the statement's snapshot may predate a lease that
 * another claim committed on the row.
 */
export async function selectClaimableItem(
  client: QueryClient,
  options: { studyId: string; userId: string; judgmentsPerItem: number; now: Date; lock: "skip" | "wait" | "none" },
): Promise<string | null> {
  const { studyId, userId, judgmentsPerItem, now, lock } = options;
  const locking = {
    skip: Prisma.sql`FOR UPDATE OF item SKIP LOCKED`,
    wait: Prisma.sql`FOR UPDATE OF item`,
    none: Prisma.empty,
  }[lock];

  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH item_load AS (
      SELECT i.id, i."combinationId", i."completedCount" + COALESCE(leases.active, 0) AS load
      FROM "StudyItem" i
      LEFT JOIN (
        SELECT a."studyItemId", count(*)::int AS active
        FROM "Assignment" a
        JOIN "StudyItem" leased ON leased.id = a."studyItemId"
        WHERE leased."studyId" = ${studyId} AND a.status = 'ASSIGNED' AND a."expiresAt" > ${now}
        GROUP BY a."studyItemId"
      ) leases ON leases."studyItemId" = i.id
      WHERE i."studyId" = ${studyId} AND i.kind = 'REGULAR'
    ),
    combination_load AS (
      SELECT "combinationId", sum(load) AS load FROM item_load GROUP BY "combinationId"
    )
    SELECT item.id
    FROM "StudyItem" item
    JOIN item_load ON item_load.id = item.id
    JOIN combination_load ON combination_load."combinationId" = item."combinationId"
    WHERE item_load.load < ${judgmentsPerItem}
      AND NOT EXISTS (
        SELECT 1 FROM "Assignment" mine WHERE mine."studyItemId" = item.id AND mine."userId" = ${userId}
      )
    ORDER BY combination_load.load, item_load.load, md5(item.id || ${userId})
    LIMIT 1
    ${locking}`;

  return rows[0]?.id ?? null;
}
