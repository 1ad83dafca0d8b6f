import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  canSubmit,
  createRequestId,
  initialJudgingState,
  judgingReducer,
  recoveryForStatus,
  type JudgingState,
} from "@/components/judging/judging-state";

const REQUEST_ID = "3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c";

describe("judgingReducer", () => {
  it("moves from answering to submitting", () => {
    const state = judgingReducer(initialJudgingState(REQUEST_ID), { type: "submit" });

    expect(state).toEqual({ status: "submitting", requestId: REQUEST_ID });
  });

  it("ignores a second submit while submitting", () => {
    const submitting: JudgingState = { status: "submitting", requestId: REQUEST_ID };

    expect(judgingReducer(submitting, { type: "submit" })).toBe(submitting);
    expect(canSubmit(submitting)).toBe(false);
  });

  it("stores the result on success", () => {
    const submitting: JudgingState = { status: "submitting", requestId: REQUEST_ID };

    const state = judgingReducer(submitting, { type: "succeeded", result: { done: true, completionCode: "C1" } });

    expect(state).toEqual({ status: "submitted", requestId: REQUEST_ID, result: { done: true, completionCode: "C1" } });
  });

  it("ignores submits after success", () => {
    const submitted: JudgingState = { status: "submitted", requestId: REQUEST_ID, result: { done: false } };

    expect(judgingReducer(submitted, { type: "submit" })).toBe(submitted);
    expect(canSubmit(submitted)).toBe(false);
  });

  it("retries with the same request id", () => {
    const submitting: JudgingState = { status: "submitting", requestId: REQUEST_ID };
    const failed = judgingReducer(submitting, { type: "failed", message: "Network error", recovery: "retry" });

    const retry = judgingReducer(failed, { type: "submit" });

    expect(failed).toEqual({ status: "failed", requestId: REQUEST_ID, message: "Network error", recovery: "retry" });
    expect(retry).toEqual({ status: "submitting", requestId: REQUEST_ID });
  });

  it("does not retry a rejected submission", () => {
    const failed: JudgingState = { status: "failed", requestId: REQUEST_ID, message: "Already submitted", recovery: "reload" };

    expect(judgingReducer(failed, { type: "submit" })).toBe(failed);
    expect(canSubmit(failed)).toBe(false);
  });

  it("ignores responses that arrive outside submitting", () => {
    const answering = initialJudgingState(REQUEST_ID);

    expect(judgingReducer(answering, { type: "succeeded", result: { done: false } })).toBe(answering);
    expect(judgingReducer(answering, { type: "failed", message: "late", recovery: "retry" })).toBe(answering);
  });

  it("resubmits after sign-in with the same request id", () => {
    const submitting: JudgingState = { status: "submitting", requestId: REQUEST_ID };
    const signedOut = judgingReducer(submitting, { type: "failed", message: "Session ended", recovery: "sign-in" });

    const resubmit = judgingReducer(signedOut, { type: "submit" });

    expect(canSubmit(signedOut)).toBe(true);
    expect(resubmit).toEqual({ status: "submitting", requestId: REQUEST_ID });
  });

  it("ignores a late success after a failure", () => {
    const failed: JudgingState = { status: "failed", requestId: REQUEST_ID, message: "Network error", recovery: "retry" };

    expect(judgingReducer(failed, { type: "succeeded", result: { done: false } })).toBe(failed);
  });

  it("posts once for a burst of submits", () => {
    let state = initialJudgingState(REQUEST_ID);
    let requestsStarted = 0;

    for (let click = 0; click < 5; click += 1) {
      const next = judgingReducer(state, { type: "submit" });
      if (next.status === "submitting" && state.status !== "submitting") {
        requestsStarted += 1;
      }
      state = next;
    }

    expect(requestsStarted).toBe(1);
    expect(state).toEqual({ status: "submitting", requestId: REQUEST_ID });
  });
});

describe("recoveryForStatus", () => {
  it.each([
    [401, "sign-in"],
    [400, "reload"],
    [403, "reload"],
    [409, "reload"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [503, "retry"],
  ] as const)("maps HTTP %i to %s", (status, recovery) => {
    expect(recoveryForStatus(status)).toBe(recovery);
  });
});

describe("createRequestId", () => {
  it("returns distinct UUIDs", () => {
    const first = createRequestId();
    const second = createRequestId();

    expect(z.uuid().safeParse(first).success).toBe(true);
    expect(second).not.toBe(first);
  });
});
