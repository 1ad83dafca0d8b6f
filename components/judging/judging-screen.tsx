"use client";

import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useReducer, useRef, useSyncExternalStore } from "react";

import { CompletionNotice } from "@/components/judging/completion-notice";
import { ItemTimer } from "@/components/judging/item-timer";
import { browserStorage, clearEntryPath, readEntryPath } from "@/components/judging/judging-draft";
import { CRITERION_KEYS, keyAction, keyForChoice } from "@/components/judging/judging-keys";
import { canSubmit, initialJudgingState, judgingReducer, recoveryForStatus, type JudgingState } from "@/components/judging/judging-state";
import { ReturnStudyDialog } from "@/components/judging/return-study-dialog";
import { useJudgingDraft } from "@/components/judging/use-judging-draft";
import { Markdown } from "@/components/markdown";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { submitResultSchema, type AssignmentView, type Choice, type JudgmentRequest } from "@/lib/assignment/schemas";
import { cn } from "@/lib/utils";

const subscribeToNothing = () => () => {};

const CHOICE_LABELS: { choice: Choice; label: string }[] = [
  { choice: "A", label: "Response A is better" },
  { choice: "TIE", label: "About the same" },
  { choice: "B", label: "Response B is better" },
];

/**
 * Render the judging screen for one assignment. Give it `key={view.assignmentId}` so the
 * next item starts from a fresh state, and from its own draft.
 */
export function JudgingScreen({ view }: { view: AssignmentView }) {
  const router = useRouter();
  const { snapshot, store } = useJudgingDraft(
    view.assignmentId,
    view.criteria.map((criterion) => criterion.criterionSideId),
  );
  const [state, dispatch] = useReducer(judgingReducer, store.requestId, initialJudgingState);
  // A ref, unlike state, is updated before a second click or key press in the same frame can read it.
  const inFlight = useRef(false);
  const itemHeading = useRef<HTMLHeadingElement>(null);
  // False in the server-rendered HTML and until hydration: a choice clicked before React
  // attaches its handlers would show as checked but never reach the draft.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  const { choices } = snapshot.draft;
  const allAnswered = view.criteria.every((criterion) => choices[criterion.criterionSideId] !== undefined);
  const result = state.status === "submitted" ? state.result : null;
  const locked = !hydrated || state.status === "submitting" || state.status === "submitted";

  // Each item starts with focus at its top, so after a submit keyboard and screen-reader
  // users continue from the new item's heading rather than from the old Submit button.
  useEffect(() => {
    itemHeading.current?.focus();
  }, []);

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
        store.clear();
        dispatch({ type: "succeeded", result: submitResultSchema.parse(payload) });
      } else {
        dispatch({ type: "failed", message: errorMessage(payload, response.status), recovery: recoveryForStatus(response.status) });
      }
    } catch {
      dispatch({ type: "failed", message: "Your answers could not be sent. Check your connection.", recovery: "retry" });
    } finally {
      inFlight.current = false;
    }
  }

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || locked) {
      return;
    }
    const target = event.target instanceof HTMLElement ? event.target : null;
    const action = keyAction(
      {
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        repeat: event.repeat,
        target: target && {
          tagName: target.tagName,
          type: target instanceof HTMLInputElement ? target.type : undefined,
          isContentEditable: target.isContentEditable,
          inDialog: target.closest("dialog") !== null,
        },
      },
      view.criteria.length,
    );
    if (!action) {
      return;
    }

    event.preventDefault();
    if (action.type === "submit") {
      void submit();
    } else {
      store.setChoice(view.criteria[action.criterionIndex].criterionSideId, action.choice);
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  if (result?.done) {
    return <CompletionNotice completion={result} />;
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
        <div className="min-w-48 flex-1 space-y-1">
          <h1 ref={itemHeading} tabIndex={-1} className="text-sm font-medium text-slate-600 focus:outline-none">
            Item {Math.min(view.progress.done + 1, view.progress.total)} of {view.progress.total}
          </h1>
          <progress
            value={view.progress.done}
            max={Math.max(view.progress.total, 1)}
            aria-label={`${view.progress.done} of ${view.progress.total} items judged`}
            className="h-1.5 w-full max-w-xs overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-indigo-600"
          />
        </div>
        <ItemTimer startedAt={snapshot.draft.startedAt} />
      </div>

      {view.warning && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {view.warning}
        </p>
      )}

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
        <KeyboardLegend criterionCount={view.criteria.length} />

        {view.criteria.map((criterion, index) => (
          <fieldset key={criterion.criterionSideId} disabled={locked} className="rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 font-medium">
              <span className="text-slate-500">Question {index + 1}. </span>
              {criterion.wording}
            </legend>
            <div className="mt-2 flex flex-col gap-1 sm:flex-row sm:gap-6">
              {CHOICE_LABELS.map(({ choice, label }) => (
                <label key={choice} className="flex items-center gap-2 py-1.5 text-sm sm:py-0">
                  <input
                    type="radio"
                    name={`criterion-${criterion.criterionSideId}`}
                    value={choice}
                    checked={choices[criterion.criterionSideId] === choice}
                    onChange={() => store.setChoice(criterion.criterionSideId, choice)}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  {label}
                  <KeyHint keyName={keyForChoice(index, choice)} />
                </label>
              ))}
            </div>
          </fieldset>
        ))}

        {state.status === "failed" && <FailureAlert state={state} studyId={view.studyId} onReload={() => reloadAfterRejection()} />}

        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={!allAnswered || !canSubmit(state)} aria-busy={state.status === "submitting"}>
            Submit
            <KeyHint keyName="Enter" className="ml-2 border-indigo-300 bg-indigo-500 text-white" />
          </Button>
          <p aria-live="polite" className="text-sm text-slate-600">
            {statusText(state.status, allAnswered, snapshot.restored)}
          </p>
        </div>
      </form>

      <div className="border-t border-slate-200 pt-4">
        <ReturnStudyDialog
          studyId={view.studyId}
          onConfirm={() => {
            store.clear();
            clearEntryPath(browserStorage(), view.studyId);
          }}
        />
      </div>
    </div>
  );

  function reloadAfterRejection() {
    store.clear();
    router.refresh();
  }
}

/** Explains the shortcuts; hidden on narrow screens, which are mostly phones without a keyboard. */
function KeyboardLegend({ criterionCount }: { criterionCount: number }) {
  const rows = CRITERION_KEYS.slice(0, criterionCount);

  return (
    <div className="hidden text-xs text-slate-500 sm:block">
      <p>
        Keyboard: each question has three keys, meaning Response A, about the same and Response B. Enter submits once
        every question is answered.
      </p>
      <ul className="mt-1 flex flex-wrap gap-x-4">
        {rows.map((row, index) => (
          <li key={row.join("")}>
            Question {index + 1}: {row.map((key) => key.toUpperCase()).join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Render the shortcut beside its control, hidden from screen readers so it does not lengthen the control's name. */
function KeyHint({ keyName, className }: { keyName: string | undefined; className?: string }) {
  if (!keyName) {
    return null;
  }
  return (
    <kbd
      aria-hidden="true"
      className={cn("hidden rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs text-slate-600 sm:inline", className)}
    >
      {keyName.toUpperCase() === "ENTER" ? "Enter" : keyName.toUpperCase()}
    </kbd>
  );
}

function FailureAlert({
  state,
  studyId,
  onReload,
}: {
  state: Extract<JudgingState, { status: "failed" }>;
  studyId: string;
  onReload: () => void;
}) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      <p>{state.message}</p>
      {state.recovery === "retry" && (
        <Button type="submit" variant="secondary" className="mt-2">
          Try again
        </Button>
      )}
      {state.recovery === "sign-in" && (
        <p className="mt-2">
          Your answers are saved in this browser.{" "}
          <a href={readEntryPath(browserStorage(), studyId)} className="font-medium underline">
            Sign in again through your study link
          </a>
          , then press Submit on this item.
        </p>
      )}
      {state.recovery === "reload" && (
        <Button type="button" variant="secondary" className="mt-2" onClick={onReload}>
          Load the next item
        </Button>
      )}
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

function statusText(status: JudgingState["status"], allAnswered: boolean, restored: boolean): string {
  if (status === "submitting") {
    return "Sending your answers…";
  }
  if (status === "submitted") {
    return "Saved. Loading the next item…";
  }
  if (!allAnswered) {
    return "Answer every question to submit.";
  }
  return restored && status === "answering" ? "Your saved answers were restored. Press Submit to send them." : "";
}

/** Return the server's error message when it sent one (or a fixed one for an ended session), else a generic message for the status. */
function errorMessage(payload: unknown, status: number): string {
  if (status === 401) {
    return "Your session has ended, so your answers were not sent.";
  }
  const message = (payload as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message.length > 0) {
    return message;
  }
  return status >= 500 ? "The server could not save your answers." : `Your answers were rejected (HTTP ${status}).`;
}
