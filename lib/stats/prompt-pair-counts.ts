/**
 * Verdict counts per prompt and pair of systems, row-major by prompt: the count for prompt p
 * and pair k is at index p * pairCount + k. Pair k compares system firstOfPair[k] with
 * secondOfPair[k] (indexes into the systems list); `firstWins` counts verdicts for the first.
 */
export type PromptPairCounts = {
  promptCount: number;
  pairCount: number;
  firstOfPair: Int32Array;
  secondOfPair: Int32Array;
  firstWins: Int32Array;
  ties: Int32Array;
  secondWins: Int32Array;
};
