import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type QueryClient = Pick<PrismaClient, "$queryRaw">;

type Selection = { studyId: string; userId: string; judgmentsPerItem: number; now: Date; lock: "skip" | "wait" | "none" };

/**
 * How many open items of a combination, in order of completed judgments, are compared by their
 * load including leases. More candidates let more concurrent claims skip each other's locks.
 */
const CANDIDATES_PER_COMBINATION = 32;

/**
 * Return the id of the regular item a crowdworker should judge next, or null when none is
 * open to them: a REGULAR item of the study they were never assigned, whose completed judgments plus
 * unexpired leases are below `judgmentsPerItem`. Least-judged combinations come first.
 * Within a combination, the least-loaded of its first open items by completed judgments wins,
 * and ties are broken at random so that crowdworkers spread out.
 *
 * NOTE: only the first CANDIDATES_PER_COMBINATION open items by completed judgments are compared,
 * so an item beyond them with as many judgments but fewer leases can be passed over.
 *
 * `lock` "skip" locks the row FOR UPDATE and skips rows other transactions hold; "wait"
 * waits for the best row instead. With either, the caller must run inside a transaction and
 * recheck the load after locking, because the statement's snapshot may predate a lease that
 * another claim committed on the row.
 */
export async function selectClaimableItem(client: QueryClient, options: Selection): Promise<string | null> {
  const combinationIds = await combinationsByLoad(client, options);

  for (const combinationId of combinationIds) {
    const itemId = await selectInCombination(client, { ...options, combinationId });
    if (itemId) {
      return itemId;
    }
  }

  return null;
}

/** List the study's combinations, least loaded first: completed judgments plus unexpired leases on regular items. */
async function combinationsByLoad(client: QueryClient, options: Selection): Promise<string[]> {
  const { studyId, now } = options;

  const rows = await client.$queryRaw<{ combinationId: string }[]>`
    WITH completed AS (
      SELECT "combinationId", sum("completedCount") AS judged
      FROM "StudyItem"
      WHERE "studyId" = ${studyId} AND kind = 'REGULAR'
      GROUP BY "combinationId"
    ),
    leased AS (
      SELECT item."combinationId", count(*) AS active
      FROM "Assignment" a
      JOIN "StudyItem" item ON item.id = a."studyItemId"
      WHERE item."studyId" = ${studyId} AND item.kind = 'REGULAR' AND a.status = 'ASSIGNED' AND a."expiresAt" > ${now}
      GROUP BY item."combinationId"
    )
    SELECT completed."combinationId"
    FROM completed
    LEFT JOIN leased ON leased."combinationId" = completed."combinationId"
    ORDER BY completed.judged + COALESCE(leased.active, 0), random()`;

  return rows.map((row) => row.combinationId);
}

/**
 * Walk the (studyId, combinationId, completedCount) index from the least-judged item, keep the
 * first open items the crowdworker was never assigned, and return the least loaded of them.
 */
async function selectInCombination(client: QueryClient, options: Selection & { combinationId: string }): Promise<string | null> {
  const { studyId, combinationId, userId, judgmentsPerItem, now, lock } = options;
  const locking = {
    skip: Prisma.sql`FOR UPDATE OF item SKIP LOCKED`,
    wait: Prisma.sql`FOR UPDATE OF item`,
    none: Prisma.empty,
  }[lock];

  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH candidates AS (
      SELECT i.id, i."completedCount" + leases.active AS load
      FROM "StudyItem" i
      CROSS JOIN LATERAL (
        SELECT count(*) AS active FROM "Assignment" a
        WHERE a."studyItemId" = i.id AND a.status = 'ASSIGNED' AND a."expiresAt" > ${now}
      ) leases
      WHERE i."studyId" = ${studyId} AND i."combinationId" = ${combinationId} AND i.kind = 'REGULAR'
        AND i."completedCount" + leases.active < ${judgmentsPerItem}
        AND NOT EXISTS (
          SELECT 1 FROM "Assignment" mine WHERE mine."studyItemId" = i.id AND mine."userId" = ${userId}
        )
      ORDER BY i."completedCount"
      LIMIT ${CANDIDATES_PER_COMBINATION}
    )
    SELECT item.id
    FROM "StudyItem" item
    JOIN candidates ON candidates.id = item.id
    ORDER BY candidates.load, random()
    LIMIT 1
    ${locking}`;

  return rows[0]?.id ?? null;
}
