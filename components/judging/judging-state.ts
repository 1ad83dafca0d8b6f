import type { SubmitResult } from "@/lib/assignment/schemas";

/**
 * Next step after a failed submission. "retry" sends it again after a network error or
 * server fault. "sign-in" follows an ended session: sign in through the study link, then
 * send it. "reload" loads the next item because the server rejected this submission for good.
 */
export type Recovery = "retry" | "sign-in" | "reload";

/**
 * States of the judging screen. The request id is drawn once per assignment and kept across
 * retries, so the server can recognise a retry of a submission that did reach it.
 */
export type JudgingState =
  | { status: "answering"; requestId: string }
  | { status: "submitting"; requestId: string }
  | { status: "submitted"; requestId: string; result: SubmitResult }
  | { status: "failed"; requestId: string; message: string; recovery: Recovery };

export type JudgingEvent =
  | { type: "submit" }
  | { type: "succeeded"; result: SubmitResult }
  | { type: "failed"; message: string; recovery: Recovery };

export function initialJudgingState(requestId: string): JudgingState {
  return { status: "answering", requestId };
}

/**
 * Apply one event. A submit is accepted only while answering or after a failure that allows
 * sending again ("retry", or "sign-in" once the crowdworker signed in, say in another tab),
 * so a second click while a request is in flight, or after success, changes nothing.
 */
export function judgingReducer(state: JudgingState, event: JudgingEvent): JudgingState {
  switch (event.type) {
    case "submit":
      return canSubmit(state) ? { status: "submitting", requestId: state.requestId } : state;

    case "succeeded":
      if (state.status !== "submitting") {
        return state;
      }
      return { status: "submitted", requestId: state.requestId, result: event.result };

    case "failed":
      if (state.status !== "submitting") {
        return state;
      }
      return { status: "failed", requestId: state.requestId, message: event.message, recovery: event.recovery };
  }
}

/** Tell whether a submit event would start a request now. */
export function canSubmit(state: JudgingState): boolean {
  return state.status === "answering" || (state.status === "failed" && state.recovery !== "reload");
}

/** Choose the recovery for an HTTP status of a rejected submission. */
export function recoveryForStatus(status: number): Recovery {
  if (status === 401) {
    return "sign-in";
  }
  const temporary = status >= 500 || status === 408 || status === 429;
  return temporary ? "retry" : "reload";
}

/**
 * Draw a request id in UUID v4 form. crypto.randomUUID exists only in secure contexts (HTTPS
 * or localhost), so the id is built from crypto.getRandomValues, which exists everywhere.
 */
export function createRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;

  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
