import { db } from "@/lib/db/prisma";
import type { JudgeAnswer, LabelingOutcome } from "@/lib/generated/prisma/enums";
import type { JudgeTask } from "@/lib/judges/plan-judge-tasks";

/**
 * Store a LabelingVerdict for every pair whose requests all succeeded: the answer in terms of
 * output 1 and output 2, or INCONSISTENT when the two orders disagree. Pairs with a missing
 * or failed order get no verdict, so a failure never turns into a label.
 */
export async function storeLabelingVerdicts({ judgeVersionId, tasks }: { judgeVersionId: string; tasks: JudgeTask[] }): Promise<number> {
  const labelingTasks = tasks.filter((task) => task.labelingPairId);
  const calls = await db.judgeCall.findMany({
    where: { cacheKey: { in: labelingTasks.map((task) => task.cacheKey) }, status: "SUCCEEDED" },
    select: { cacheKey: true, answer: true },
  });
  const answerByKey = new Map(calls.map((call) => [call.cacheKey, call.answer!]));

  const tasksByPair = new Map<string, JudgeTask[]>();
  for (const task of labelingTasks) {
    tasksByPair.set(task.labelingPairId!, [...(tasksByPair.get(task.labelingPairId!) ?? []), task]);
  }

  const verdicts: { pairId: string; judgeVersionId: string; outcome: LabelingOutcome }[] = [];
  for (const [pairId, pairTasks] of tasksByPair) {
    const outcomes = pairTasks.map((task) => {
      const answer = answerByKey.get(task.cacheKey);
      return answer ? toOutcome(answer, task.swapped) : null;
    });
    if (outcomes.some((outcome) => outcome === null)) {
      continue;
    }

    const outcome = outcomes.every((candidate) => candidate === outcomes[0]) ? outcomes[0]! : "INCONSISTENT";
    verdicts.push({ pairId, judgeVersionId, outcome });
  }

  const stored = await db.labelingVerdict.createMany({ data: verdicts, skipDuplicates: true });
  return stored.count;
}

function toOutcome(answer: JudgeAnswer, swapped: boolean): LabelingOutcome {
  if (answer === "TIE") {
    return "TIE";
  }
  const firstShownWins = answer === "OUTPUT_A";
  return firstShownWins !== swapped ? "FIRST" : "SECOND";
}
