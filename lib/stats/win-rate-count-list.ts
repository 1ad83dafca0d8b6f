import { createPromptCellCounts, type PromptCellCounts, type WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";
import type { JudgeKind } from "@/lib/stats/study-stats-types";

/**
 * Verdict counts of one judge kind as a comma-separated list of quintuples: the prompt's
 * statsKey, the cell number (winRateCellIndex) or -1 for counts outside the table's layout, then
 * wins, ties and losses. A prompt and cell may appear more than once, and counts may be
 * negative, because the entries are added up.
 */
export type WinRateCountList = { judgeType: JudgeKind; counts: string };

/** Values per entry of a WinRateCountList. */
export const COUNT_LIST_STRIDE = 5;

/**
 * Add up a count list into per-prompt count vectors. Prompts are numbered in statsKey order,
 * and prompts whose judgments add up to none are left out, so the bootstrap resamples only
 * prompts that have data and numbers them the same way whichever query produced the list.
 */
export function toPromptCellCounts(layout: WinRateLayout, list: WinRateCountList | undefined): PromptCellCounts {
  const values = parseIntegerList(list?.counts ?? "");
  const promptKeys = new Set<number>();
  for (let offset = 0; offset < values.length; offset += COUNT_LIST_STRIDE) {
    if (values[offset + 1] >= 0) {
      promptKeys.add(values[offset]);
    }
  }
  const sortedKeys = Int32Array.from(promptKeys).sort();
  const promptByKey = new Map<number, number>();
  sortedKeys.forEach((key, prompt) => promptByKey.set(key, prompt));

  const summed = createPromptCellCounts(layout, sortedKeys.length);
  const { cellCount } = summed;
  for (let offset = 0; offset < values.length; offset += COUNT_LIST_STRIDE) {
    if (values[offset + 1] < 0) {
      continue;
    }
    const index = promptByKey.get(values[offset])! * cellCount + values[offset + 1];
    summed.wins[index] += values[offset + 2];
    summed.ties[index] += values[offset + 3];
    summed.losses[index] += values[offset + 4];
  }
  return dropPromptsWithoutJudgments(layout, summed);
}

function dropPromptsWithoutJudgments(layout: WinRateLayout, summed: PromptCellCounts): PromptCellCounts {
  const { cellCount } = summed;
  const promptsWithJudgments: number[] = [];
  for (let prompt = 0; prompt < summed.promptCount; prompt += 1) {
    let judgments = 0;
    for (let index = prompt * cellCount; index < (prompt + 1) * cellCount; index += 1) {
      judgments += summed.wins[index] + summed.ties[index] + summed.losses[index];
    }
    if (judgments > 0) {
      promptsWithJudgments.push(prompt);
    }
  }
  if (promptsWithJudgments.length === summed.promptCount) {
    return summed;
  }

  const counts = createPromptCellCounts(layout, promptsWithJudgments.length);
  promptsWithJudgments.forEach((prompt, position) => {
    const source = prompt * cellCount;
    counts.wins.set(summed.wins.subarray(source, source + cellCount), position * cellCount);
    counts.ties.set(summed.ties.subarray(source, source + cellCount), position * cellCount);
    counts.losses.set(summed.losses.subarray(source, source + cellCount), position * cellCount);
  });
  return counts;
}
