import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { planJudgeRunPreview, type JudgeRunPreview } from "@/lib/judges/plan-judge-run-preview";
import type { JudgeRunTarget } from "@/lib/judges/plan-judge-tasks";

/** Report what a run of a judge version over a target would call and cost, without calling anything. */
export async function previewJudgeRun(options: { actor: Actor; judgeVersionId: string; target: JudgeRunTarget }): Promise<JudgeRunPreview> {
  assertRole(options.actor, "ADMIN");

  const { preview } = await planJudgeRunPreview(options.judgeVersionId, options.target);
  return preview;
}
