import OpenAI, { APIConnectionError, APIError } from "openai";

import { logger } from "@/lib/logger";
import type { ChatMessage } from "@/lib/judges/judge-template";

export type JudgeRequest = {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** JSON schema for structured output, sent as response_format when set. */
  jsonSchema?: Record<string, unknown>;
};

export type JudgeCallOutcome =
  | { kind: "answered"; content: string; promptTokens: number | null; completionTokens: number | null; attempts: number }
  | { kind: "failed"; error: string; rawOutput: string | null; attempts: number };

const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * Send one chat completion request, retrying 429, 5xx, timeouts and connection errors up to
 * `maxAttempts` times in all. A Retry-After (or retry-after-ms) header sets the wait;
 * otherwise the wait doubles from 0.5 s with jitter, up to 30 s. Other errors fail at once.
 * The client must be created with maxRetries 0, so these are the only retries.
 */
export async function callJudgeModel(options: {
  client: OpenAI;
  request: JudgeRequest;
  maxAttempts: number;
  /** Ids logged with each retry. */
  context: Record<string, unknown>;
  sleep?: (milliseconds: number) => Promise<void>;
}): Promise<JudgeCallOutcome> {
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const { request } = options;

  for (let attempt = 1; ; attempt += 1) {
    try {
      const completion = await options.client.chat.completions.create({
        model: request.model,
        messages: request.messages,
        temperature: request.temperature,
        max_tokens: request.maxTokens,
        ...(request.jsonSchema
          ? { response_format: { type: "json_schema" as const, json_schema: { name: "judge_verdict", strict: true, schema: request.jsonSchema } } }
          : {}),
      });

      const content = completion.choices?.[0]?.message?.content;
      if (typeof content !== "string") {
        return { kind: "failed", error: "The response has no choices[0].message.content.", rawOutput: JSON.stringify(completion).slice(0, 20_000), attempts: attempt };
      }
      return { kind: "answered", content, promptTokens: completion.usage?.prompt_tokens ?? null, completionTokens: completion.usage?.completion_tokens ?? null, attempts: attempt };
    } catch (error) {
      if (!(error instanceof APIError)) {
        throw error;
      }

      const failure = describeFailure(error);
      if (!failure.retryable || attempt >= options.maxAttempts) {
        return { kind: "failed", error: failure.message, rawOutput: failure.body, attempts: attempt };
      }

      const waitMs = retryAfterMs(error) ?? backoffMs(attempt);
      logger.warn({ ...options.context, attempt, waitMs, error: failure.message }, "judge request failed; retrying");
      await sleep(waitMs);
    }
  }
}

function describeFailure(error: APIError): { retryable: boolean; message: string; body: string | null } {
  if (error instanceof APIConnectionError) {
    return { retryable: true, message: error.message, body: null };
  }

  const status = error.status ?? 0;
  const body = error.error === undefined ? null : JSON.stringify(error.error).slice(0, 20_000);
  return { retryable: status === 429 || status === 408 || status >= 500, message: `HTTP ${status}: ${error.message}`, body };
}

/** Read retry-after-ms, or Retry-After as seconds or an HTTP date. */
function retryAfterMs(error: APIError): number | null {
  const headers = error.headers;
  if (!headers) {
    return null;
  }

  const milliseconds = Number(headers.get("retry-after-ms"));
  if (headers.get("retry-after-ms") !== null && Number.isFinite(milliseconds) && milliseconds >= 0) {
    return Math.min(milliseconds, 10 * MAX_BACKOFF_MS);
  }

  const value = headers.get("retry-after");
  if (value === null) {
    return null;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.min(seconds * 1000, 10 * MAX_BACKOFF_MS);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, date - Date.now()), 10 * MAX_BACKOFF_MS);
}

function backoffMs(attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
