import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/**
 * Load a judge with its versions (newest first) and its runs (newest first), each run with
 * its calls counted by status and the cost they reported.
 */
export async function getJudgeDetails(judgeId: string) {
  const judge = await db.judge.findUnique({
    where: { id: judgeId },
    include: { versions: { orderBy: { version: "desc" } } },
  });
  if (!judge) {
    throw new AppError("NOT_FOUND", `Judge ${judgeId} was not found.`);
  }

  const runs = await db.judgeRun.findMany({
    where: { judgeVersionId: { in: judge.versions.map((version) => version.id) } },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { judgeVersion: { select: { version: true } } },
  });
  const callCounts = await db.judgeCall.groupBy({
    by: ["runId", "status"],
    where: { runId: { in: runs.map((run) => run.id) } },
    _count: { _all: true },
    _sum: { costUsd: true },
  });
  const [studies, labelingSets] = await Promise.all([
    db.study.findMany({ where: { id: { in: runs.flatMap((run) => (run.studyId ? [run.studyId] : [])) } }, select: { id: true, name: true } }),
    db.labelingSet.findMany({ where: { id: { in: runs.flatMap((run) => (run.labelingSetId ? [run.labelingSetId] : [])) } }, select: { id: true, name: true } }),
  ]);
  const targetNames = new Map([...studies, ...labelingSets].map((target) => [target.id, target.name]));

  return {
    ...judge,
    runs: runs.map((run) => {
      const counts = callCounts.filter((entry) => entry.runId === run.id);
      const count = (status: string) => counts.find((entry) => entry.status === status)?._count._all ?? 0;
      return {
        ...run,
        targetName: targetNames.get(run.studyId ?? run.labelingSetId ?? "") ?? "(deleted)",
        targetKind: run.studyId ? "study" : "labelling set",
        succeeded: count("SUCCEEDED"),
        failed: count("FAILED"),
        unparseable: count("UNPARSEABLE"),
        costUsd: counts.reduce((sum, entry) => sum + (entry._sum.costUsd ?? 0), 0),
      };
    }),
  };
}
