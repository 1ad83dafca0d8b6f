import { db } from "@/lib/db/prisma";

/** Return the crowdworkers whose exclusion from a study's results is in force (not revoked). */
export async function listExcludedUserIds(options: { studyId: string }): Promise<string[]> {
  const exclusions = await db.crowdworkerExclusion.findMany({
    where: { studyId: options.studyId, revokedAt: null },
    select: { userId: true },
    distinct: ["userId"],
  });
  return exclusions.map((exclusion) => exclusion.userId);
}
