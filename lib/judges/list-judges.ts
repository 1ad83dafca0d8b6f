import { db } from "@/lib/db/prisma";

/** Load every judge, newest first, with its latest version's endpoint and model. */
export async function listJudges() {
  const judges = await db.judge.findMany({
    orderBy: { createdAt: "desc" },
    include: { versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, baseUrl: true, model: true, verdictMode: true, orderMode: true } } },
  });
  return judges.map(({ versions, ...judge }) => ({ ...judge, latest: versions[0] ?? null }));
}
