import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { estimateCallCost } from "@/lib/judges/estimate-call-cost";
import { findCachedKeys } from "@/lib/judges/find-cached-keys";
import { planJudgeTasks, type JudgeRunTarget, type JudgeTask } from "@/lib/judges/plan-judge-tasks";

export type JudgeRunPreview = {
  judgeVersionId: string;
  itemCount: number;
  /** Neutral rollout pairs of a labelling set that the run skips; 0 for studies. */
  neutralPairsSkipped: number;
  /** Requests the run consists of: items x criteria x orders. */
  callsTotal: number;
  /** Requests answered by an earlier successful call with the same cache key. */
  callsCached: number;
  callsNeeded: number;
  /** Estimated prompt tokens of the needed calls. */
  estimatedPromptTokens: number;
  /** Completion tokens if every needed call used the version's max tokens. */
  maxCompletionTokens: number;
  /** Worst-case cost in US dollars: estimated prompt tokens plus max completion tokens at the version's prices. */
  estimatedCostUsd: number;
};

/** Plan a run and summarize it; the run starter stores the same figures on the run. */
export async function planJudgeRunPreview(judgeVersionId: string, target: JudgeRunTarget): Promise<{ preview: JudgeRunPreview; needed: JudgeTask[] }> {
  const version = await db.judgeVersion.findUnique({ where: { id: judgeVersionId } });
  if (!version) {
    throw new AppError("NOT_FOUND", `Judge version ${judgeVersionId} was not found.`);
  }

  const { itemCount, neutralPairsSkipped, tasks } = await planJudgeTasks(version, target);
  const cached = await findCachedKeys(tasks.map((task) => task.cacheKey));
  const needed = tasks.filter((task) => !cached.has(task.cacheKey));

  const estimatedPromptTokens = needed.reduce((sum, task) => sum + task.estimatedPromptTokens, 0);
  const maxCompletionTokens = needed.length * version.maxTokens;
  const preview: JudgeRunPreview = {
    judgeVersionId,
    itemCount,
    neutralPairsSkipped,
    callsTotal: tasks.length,
    callsCached: tasks.length - needed.length,
    callsNeeded: needed.length,
    estimatedPromptTokens,
    maxCompletionTokens,
    estimatedCostUsd: estimateCallCost(version, estimatedPromptTokens, maxCompletionTokens),
  };
  return { preview, needed };
}
