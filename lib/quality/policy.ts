import type { ReturnReason } from "@/lib/generated/prisma/enums";

/**
 * Quality-control rules shared by claims, submissions, the judging view and the quality table.
 *
 * They follow Prolific's attention and comprehension check policy (researcher help centre,
 * researcher-help.prolific.com/en/article/fb63bb, read 2026-12), restated here:
 * - An instructional attention check tells the participant plainly how to answer, tests
 *   attention to the question itself rather than to instructions shown earlier, and needs no
 *   prior knowledge. Ours are pairwise items whose own prompt and responses say which
 *   response to choose on every criterion, so they sit inside the task's format.
 * - A comprehension check tests whether the participant understood the task's instructions,
 *   so it comes before the first item. Participants who fail it are asked to return their
 *   submission rather than being rejected (Prolific staff on community.prolific.com). We
 *   give two attempts.
 * Ladle never rejects a submission itself: a crowdworker who fails is asked to return, and
 * their completion path is closed.
 */

/** Attempts a crowdworker gets at the comprehension check. */
export const COMPREHENSION_ATTEMPTS = 2;

/** Text of the generated attention checks. The response that starts with ATTENTION is the expected choice. */
export const ATTENTION_CHECK_TEXT = {
  prompt:
    "This is an attention check: for every question below, choose the response that starts with the word 'ATTENTION'. Ignore the user description for this item.",
  expectedResponse: "ATTENTION: this is the response to choose for every question on this item.",
  otherResponse: "This response is part of an attention check. Do not choose it; choose the response that starts with 'ATTENTION'.",
} as const;

/** Message shown instead of more items once a crowdworker was asked to return the study. */
export function describeReturnRequest(reason: ReturnReason): string {
  if (reason === "RETURNED_BY_PARTICIPANT") {
    return 'You returned this study, so it has no more items for you. If you have not done so yet, return your submission on the recruiting platform (on Prolific: "Return submission").';
  }
  if (reason === "COMPREHENSION_FAILED") {
    return `Your answers to the questions about the task were not correct after ${COMPREHENSION_ATTEMPTS} attempts, so you cannot take part in this study. Please return your submission on the recruiting platform (on Prolific: "Return submission"). No completion code is given.`;
  }
  return 'Too many of your answers did not pass the quality checks, so this study has no more items for you. Please return your submission on the recruiting platform (on Prolific: "Return submission"). No completion code is given.';
}

/** Warning shown on the judging screen once a crowdworker reached the study's warn threshold. */
export function describeQualityWarning(failedChecks: number, blockThreshold: number): string {
  const consequence =
    blockThreshold > failedChecks
      ? ` After ${blockThreshold} you will be asked to return the study.`
      : "";
  return `${failedChecks} of your answers did not pass the quality checks (an attention check or an item with a known answer missed, or an item answered too quickly). Read each item and both responses carefully.${consequence}`;
}
