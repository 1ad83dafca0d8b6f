"use client";

import { useActionState } from "react";

import { answerComprehensionAction } from "@/app/study/[studyId]/instructions/actions";
import { Button } from "@/components/ui/button";
import type { ComprehensionQuestion } from "@/lib/quality/comprehension-questions";
import type { FormState } from "@/lib/studies/to-form-state";

/** Render the comprehension questions as radio groups and announce the outcome of a wrong attempt. */
export function ComprehensionCheckForm({
  studyId,
  questions,
  attemptsLeft,
}: {
  studyId: string;
  questions: ComprehensionQuestion[];
  attemptsLeft: number;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    (previous, formData) => answerComprehensionAction(studyId, previous, formData),
    {},
  );

  return (
    <form action={formAction} className="space-y-4" data-testid="comprehension-form">
      <p className="text-sm text-slate-700">
        Before you start, answer these questions about the task. You have {attemptsLeft} {attemptsLeft === 1 ? "attempt" : "attempts"}.
      </p>
      {questions.map((question) => (
        <fieldset key={question.id} className="space-y-2">
          <legend className="text-sm font-medium text-slate-900">{question.text}</legend>
          {question.options.map((option) => (
            <label key={option.id} className="flex items-center gap-2 text-sm">
              <input type="radio" name={question.id} value={option.id} required className="h-4 w-4" />
              {option.label}
            </label>
          ))}
        </fieldset>
      ))}
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Check my answers"}
      </Button>
    </form>
  );
}
