"use client";

import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef, useState, useSyncExternalStore } from "react";

import { CompletionNotice } from "@/components/judging/completion-notice";
import { canSubmit, createRequestId, initialJudgingState, judgingReducer, type JudgingState } from "@/components/judging/judging-state";
import { Markdown } from "@/components/markdown";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { submitResultSchema, type AssignmentView, type Choice, type JudgmentRequest } from "@/lib/assignment/schemas";

const subscribeToNothing = () => () => {};

const CHOICE_LABELS: { choice: Choice; label: string }[] = [
  { choice: "A", label: "Response A is better" },
  { choice: "TIE", label: "About the same" },
  { choice: "B", label: "Response B is better" },
];

/**
 * Render the judging screen for one assignment. Give it `key={view.assignmentId}` so the
 * next item starts from a fresh state and a fresh request id.
 */
export function JudgingScreen({ view }: { view: AssignmentView }) {
  const router = useRouter();
  const [state, dispatch] = useReducer(judgingReducer, undefined, () => initialJudgingState(createRequestId()));
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // A ref, unlike state, is updated before a second click in the same frame can read it.
  const inFlight = useRef(false);
  // False in the server-rendered HTML and until hydration: a choice clicked before React
  // attaches its handlers would show as checked but never reach `choices`.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  const allAnswered = view.criteria.every((criterion) => choices[criterion.criterionSideId] !== undefined);
  const result = state.status === "submitted" ? state.result : null;

  useEffect(() => {
    if (!result) {
      return;
    }
    if (!result.done) {
      router.refresh();
    } else if (result.completionUrl) {
      window.location.assign(result.completionUrl);
    }
  }, [result, router]);

  async function submit() {
    if (inFlight.current || !canSubmit(state) || !allAnswered) {
      return;
    }
    inFlight.current = true;
    dispatch({ type: "submit" });

    const body: JudgmentRequest = {
      requestId: state.requestId,
      answers: view.criteria.map((criterion) => ({
        criterionSideId: criterion.criterionSideId,
        choice: choices[criterion.criterionSideId],
      })),
    };

    try {
      const response = await fetch(`/api/assignments/${encodeURIComponent(view.assignmentId)}/judgments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const payload: unknown = await response.json().catch(() => null);

      if (response.ok) {
        dispatch({ type: "succeeded", result: submitResultSchema.parse(payload) });
      } else {
        dispatch({ type: "failed", message: errorMessage(payload, response.status), retryable: response.status >= 500 });
      }
    } catch {
      dispatch({ type: "failed", message: "Your answers could not be sent. Check your connection.", retryable: true });
    } finally {
      inFlight.current = false;
    }
  }

  if (result?.done) {
    return <CompletionNotice completion={result} />;
  }

  const locked = !hydrated || state.status === "submitting" || state.status === "submitted";

  return (
    <div className="space-y-6">
      <p className="text-sm font-medium text-slate-600">
        Item {Math.min(view.progress.done + 1, view.progress.total)} of {view.progress.total}
      </p>

      <Card className="space-y-4">
        <section aria-labelledby="prompt-heading">
          <h2 id="prompt-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            The user asked
          </h2>
          <Markdown className="mt-2 text-base">{view.prompt}</Markdown>
        </section>
        <section aria-labelledby="persona-heading">
          <h2 id="persona-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            About this user
          </h2>
          <p className="mt-2">{view.persona}</p>
        </section>
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <ResponsePanel headingId="response-a-heading" title="Response A" text={view.responseA} />
        <ResponsePanel headingId="response-b-heading" title="Response B" text={view.responseB} />
      </div>

      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {view.criteria.map((criterion) => (
          <fieldset key={criterion.criterionSideId} disabled={locked} className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 font-medium">{criterion.wording}</legend>
            <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
              {CHOICE_LABELS.map(({ choice, label }) => (
                <label key={choice} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name={`criterion-${criterion.criterionSideId}`}
                    value={choice}
                    checked={choices[criterion.criterionSideId] === choice}
                    onChange={() => setChoices((previous) => ({ ...previous, [criterion.criterionSideId]: choice }))}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        ))}

        {state.status === "failed" && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            <p>{state.message}</p>
            {state.retryable ? (
              <Button type="submit" variant="secondary" className="mt-2">
                Try again
              </Button>
            ) : (
              <Button type="button" variant="secondary" className="mt-2" onClick={() => router.refresh()}>
                Load the next item
              </Button>
            )}
          </div>
        )}

        <div className="flex items-center gap-3">
          <Button type="submit" disabled={!allAnswered || !canSubmit(state)} aria-busy={state.status === "submitting"}>
            Submit
          </Button>
          <p aria-live="polite" className="text-sm text-slate-600">
            {statusText(state.status, allAnswered)}
          </p>
        </div>
      </form>
    </div>
  );
}

function ResponsePanel({ headingId, title, text }: { headingId: string; title: string; text: string }) {
  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id={headingId} className="border-b border-slate-200 px-4 py-2 font-semibold">
        {title}
      </h2>
      {/* From md up each response scrolls on its own, with a scrollbar always shown so a long
          answer never looks complete; focusable so keyboard users can scroll it. Narrow screens
          show the whole response in the page flow instead of nesting scroll areas. */}
      <div className="px-4 py-3 md:max-h-[70vh] md:overflow-y-scroll" tabIndex={0}>
        <Markdown>{text}</Markdown>
      </div>
    </section>
  );
}

function statusText(status: JudgingState["status"], allAnswered: boolean): string {
  if (status === "submitting") {
    return "Sending your answers…";
  }
  if (status === "submitted") {
    return "Saved. Loading the next item…";
  }
  return allAnswered ? "" : "Answer every question to submit.";
}

/** Return the server's error message when it sent one, else a generic message for the status. */
function errorMessage(payload: unknown, status: number): string {
  const message = (payload as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message.length > 0) {
    return message;
  }
  return status >= 500 ? "The server could not save your answers." : `Your answers were rejected (HTTP ${status}).`;
}
