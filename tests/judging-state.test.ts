import { describe, expect, it } from "vitest";
import { z } from "zod";

import { canSubmit, createRequestId, initialJudgingState, judgingReducer, type JudgingState } from "@/components/judging/judging-state";

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
    const failed = judgingReducer(submitting, { type: "failed", message: "Network error", retryable: true });

    const retry = judgingReducer(failed, { type: "submit" });

    expect(failed).toEqual({ status: "failed", requestId: REQUEST_ID, message: "Network error", retryable: true });
    expect(retry).toEqual({ status: "submitting", requestId: REQUEST_ID });
  });

  it("does not retry a rejected submission", () => {
    const failed: JudgingState = { status: "failed", requestId: REQUEST_ID, message: "Already submitted", retryable: false };

    expect(judgingReducer(failed, { type: "submit" })).toBe(failed);
    expect(canSubmit(failed)).toBe(false);
  });

  it("ignores responses that arrive outside submitting", () => {
    const answering = initialJudgingState(REQUEST_ID);

    expect(judgingReducer(answering, { type: "succeeded", result: { done: false } })).toBe(answering);
    expect(judgingReducer(answering, { type: "failed", message: "late", retryable: true })).toBe(answering);
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
