import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { sendJob } from "@/lib/jobs/send-job";
import { judgeRunQueue } from "@/lib/judges/judge-run-queue";
import { planJudgeRunPreview } from "@/lib/judges/plan-judge-run-preview";
import type { JudgeRunTarget } from "@/lib/judges/plan-judge-tasks";
import { logger } from "@/lib/logger";

/**
 * Create a run of a judge version over a target and queue it for the worker. While a run of
 * the same version over the same target is queued or running, returns that run instead
 * (`created: false`), so a double click starts one run.
 */
export async function startJudgeRun(options: {
  actor: Actor;
  judgeVersionId: string;
  target: JudgeRunTarget;
  /** US dollars; null for no cap. */
  budgetUsd: number | null;
}): Promise<{ runId: string; created: boolean }> {
  const actor = assertRole(options.actor, "ADMIN");
  const { judgeVersionId, target } = options;
  const activeKey = `${judgeVersionId}:${"studyId" in target ? `study:${target.studyId}` : `labeling:${target.labelingSetId}`}`;

  const active = await db.judgeRun.findUnique({ where: { activeKey }, select: { id: true, createdAt: true } });
  if (active && !(await isAbandoned(active))) {
    return { runId: active.id, created: false };
  }

  const { preview } = await planJudgeRunPreview(judgeVersionId, target);
  if (preview.callsTotal === 0) {
    throw new AppError("INVALID_INPUT", "The target has nothing to judge: it has no regular items or no pairs. Upload or create them first.");
  }

  let runId: string;
  try {
    const run = await db.judgeRun.create({
      data: {
        judgeVersionId,
        studyId: "studyId" in target ? target.studyId : null,
        labelingSetId: "labelingSetId" in target ? target.labelingSetId : null,
        criterionSideId: "labelingSetId" in target ? (target.criterionSideId ?? null) : null,
        budgetUsd: options.budgetUsd,
        activeKey,
        itemCount: preview.itemCount,
        callsPlanned: preview.callsTotal,
        callsCached: preview.callsCached,
        estimatedTokens: preview.estimatedPromptTokens + preview.maxCompletionTokens,
        estimatedCostUsd: preview.estimatedCostUsd,
        createdById: actor.id,
      },
    });
    runId = run.id;
  } catch (error) {
    // A concurrent start of the same run created it first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.judgeRun.findUnique({ where: { activeKey }, select: { id: true } });
      if (winner) {
        return { runId: winner.id, created: false };
      }
    }
    throw error;
  }

  try {
    await sendJob(judgeRunQueue, { runId }, { singletonKey: runId });
  } catch (error) {
    await db.judgeRun.update({ where: { id: runId }, data: { status: "FAILED", activeKey: null, error: "The run could not be queued.", finishedAt: new Date() } });
    throw error;
  }

  logger.info({ runId, judgeVersionId, callsNeeded: preview.callsNeeded, actorId: actor.id }, "judge run queued");
  return { runId, created: true };
}

/**
 * Check whether an active run has no pg-boss job left that could still run it, because the
 * job failed every retry or was deleted, and if so mark the run FAILED so a new one can start.
 * A run younger than a minute is never abandoned, because its job may not be sent yet.
 */
async function isAbandoned(run: { id: string; createdAt: Date }): Promise<boolean> {
  if (Date.now() - run.createdAt.getTime() < 60_000) {
    return false;
  }

  const boss = await getJobBoss();
  const jobs = await boss.findJobs(judgeRunQueue.name, { key: run.id });
  if (jobs.some((job) => job.state === "created" || job.state === "retry" || job.state === "active")) {
    return false;
  }

  await db.judgeRun.update({
    where: { id: run.id },
    data: { status: "FAILED", activeKey: null, error: "The run's job failed every retry; a new start replaced the run.", finishedAt: new Date() },
  });
  logger.warn({ runId: run.id }, "judge run had no live job; marked failed");
  return true;
}
