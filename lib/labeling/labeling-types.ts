import type { FileFormat, ImportIssue } from "@/lib/imports/import-types";
import type { LabelingSetFormat } from "@/lib/generated/prisma/enums";

/** One pair of a labelling file as parsed, with the 1-based line it starts on. */
export type ParsedLabelingPair = {
  line: number;
  element?: number;
  instruction: string;
  input: string;
  preferencePrompt: string;
  output1: string;
  output2: string;
};

export type LabelingImportReport = {
  fileName: string;
  fileFormat: FileFormat | null;
  /** ROLLOUT when the file has preference_prompt fields, PAIRS otherwise. */
  format: LabelingSetFormat | null;
  name: string;
  rowsRead: number;
  pairCount: number;
  /** Pairs per side key whose generation prompt equals the pair's preference prompt. */
  matchedSides: { sideKey: string; pairCount: number }[];
  /** Rollout pairs whose non-empty preference prompt matches no side; a run over them needs a criterion side. */
  unmatchedPairs: number;
  /** Rollout pairs with an empty preference prompt: the neutral side of reward-model comparisons, skipped by judge runs. */
  neutralPairs: number;
  errors: ImportIssue[];
  sample: { line: number; instructionSnippet: string; preferencePrompt: string }[];
  labelingSetId?: string;
};
