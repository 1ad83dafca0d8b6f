/**
 * Verdict counts per prompt and win-rate cell, row-major by prompt: the count for prompt p
 * and cell c is at index p * cellCount + c. A cell is one candidate x combination x criterion,
 * numbered by `winRateCellIndex`.
 */
export type PromptCellCounts = {
  promptCount: number;
  cellCount: number;
  wins: Int32Array;
  ties: Int32Array;
  losses: Int32Array;
};

/** Candidates, combinations and criteria of a win-rate table, in display order. */
export type WinRateLayout = {
  candidateSystems: readonly string[];
  combinationNames: readonly string[];
  criterionKeys: readonly string[];
};

/** Return the cell number of a candidate, combination and criterion (indexes into the layout's lists). */
export function winRateCellIndex(layout: WinRateLayout, candidate: number, combination: number, criterion: number): number {
  return (candidate * layout.combinationNames.length + combination) * layout.criterionKeys.length + criterion;
}

/** Allocate zeroed counts for `promptCount` prompts and every cell of the layout. */
export function createPromptCellCounts(layout: WinRateLayout, promptCount: number): PromptCellCounts {
  const cellCount = layout.candidateSystems.length * layout.combinationNames.length * layout.criterionKeys.length;
  const size = promptCount * cellCount;
  return { promptCount, cellCount, wins: new Int32Array(size), ties: new Int32Array(size), losses: new Int32Array(size) };
}
