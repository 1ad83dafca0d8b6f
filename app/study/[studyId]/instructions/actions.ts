"use server";

import { redirect } from "next/navigation";

import { requireRole } from "@/lib/auth/require-role";
import { answerComprehensionCheck } from "@/lib/quality/answer-comprehension-check";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";

/**
 * Check the crowdworker's answers to the comprehension questions (form fields named by
 * question id). Passing, or failing the last attempt, reloads the instructions page, which then
 * offers Start or the request to return the study.
 */
export async function answerComprehensionAction(studyId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  let settled = false;
  try {
    const user = await requireRole("CROWDWORKER");
    const answers = Object.fromEntries([...formData.entries()].map(([name, value]) => [name, String(value)]));
    const result = await answerComprehensionCheck({ studyId, userId: user.id, answers });

    if (result.status === "retry") {
      const plural = result.wrongQuestionIds.length === 1 ? "answer is" : "answers are";
      return { message: `${result.wrongQuestionIds.length} ${plural} not correct. Read the instructions again; you have ${result.attemptsLeft} attempt left.` };
    }
    settled = true;
  } catch (error) {
    return toFormState(error, { action: "answerComprehension", studyId });
  }

  if (settled) {
    redirect(`/study/${encodeURIComponent(studyId)}/instructions`);
  }
  return {};
}
