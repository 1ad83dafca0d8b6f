import { randomUUID } from "node:crypto";

import type { Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { createJudge } from "@/lib/judges/create-judge";
import { DEFAULT_JUDGE_TEMPLATES } from "@/lib/judges/default-judge-templates";
import type { JudgeSettings } from "@/lib/judges/judge-settings-schema";
import type { MockRequest } from "@/tests/support/mock-openai-server";

/** Environment variable the test judges name for their key, and the key it holds. */
export const TEST_KEY_ENV = "LADLE_TEST_JUDGE_KEY";
export const TEST_KEY = `sk-test-${randomUUID()}`;
process.env[TEST_KEY_ENV] = TEST_KEY;

export async function createAdmin() {
  const suffix = randomUUID().slice(0, 8);
  return db.user.create({ data: { role: "ADMIN", email: `admin-${suffix}@example.test`, name: `admin-${suffix}` } });
}

/** Settings of a fast test judge on `baseUrl`; override fields to test one setting at a time. */
export function judgeSettings(baseUrl: string, overrides: Partial<JudgeSettings> = {}): JudgeSettings {
  return {
    baseUrl,
    model: "mock-judge",
    apiKeyEnv: TEST_KEY_ENV,
    temperature: 0.1,
    maxTokens: 512,
    verdictMode: "THREE_WAY",
    orderMode: "ONE_ORDER",
    structuredOutput: false,
    inputPricePerMillion: 0,
    outputPricePerMillion: 0,
    concurrency: 4,
    requestsPerMinute: 0,
    tokensPerMinute: 0,
    timeoutSeconds: 10,
    maxAttempts: 3,
    templates: DEFAULT_JUDGE_TEMPLATES,
    ...overrides,
  };
}

export async function createTestJudge(actor: Actor, baseUrl: string, overrides: Partial<JudgeSettings> = {}) {
  const judge = await createJudge({ actor, name: `judge-${randomUUID().slice(0, 8)}`, description: "", settings: judgeSettings(baseUrl, overrides) });
  return judge.versions[0];
}

/** Read "Output (a)" and "Output (b)" of the item a request judges. */
export function shownOutputs(request: MockRequest): { outputA: string; outputB: string } {
  const match = /Output \(a\):\n([\s\S]*?)\n\nOutput \(b\):\n([\s\S]*?)\n\nWhich output/.exec(request.item);
  if (!match) {
    throw new Error(`The request has no item in the expected layout: ${request.item.slice(0, 200)}`);
  }
  return { outputA: match[1], outputB: match[2] };
}

/** A reply that always picks the output whose text starts with "candidate". */
export function preferCandidate(request: MockRequest) {
  const { outputA } = shownOutputs(request);
  return { content: `Thought: one of them is the candidate.\nResult: ${outputA.startsWith("candidate") ? "Output (a)" : "Output (b)"}` };
}
