import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type CountClient = Prisma.TransactionClient | PrismaClient;

/**
 * Count a crowdworker's failed checks in one study: submitted items that missed an expected
 * verdict (attention checks and gold items) or were submitted faster than the study's
 * minimum. An item that did both counts once.
 */
export async function countFailedChecks(client: CountClient, options: { participationId: string }): Promise<number> {
  return client.assignment.count({
    where: {
      participationId: options.participationId,
      status: "SUBMITTED",
      OR: [{ checkPassed: false }, { tooFast: true }],
    },
  });
}
