import OpenAI from "openai";

import { verdictForChoice } from "@/lib/assignment/display-order";
import { db } from "@/lib/db/prisma";
import type { JudgeAnswer, JudgeCallStatus } from "@/lib/generated/prisma/enums";
import type { JudgeVersion } from "@/lib/generated/prisma/client";
import { callJudgeModel, type JudgeCallOutcome } from "@/lib/judges/call-judge-model";
import { createCallWriter, type CallWriter } from "@/lib/judges/create-call-writer";
import { createRateLimiter } from "@/lib/judges/create-rate-limiter";
import { estimateCallCost } from "@/lib/judges/estimate-call-cost";
import { findCachedKeys } from "@/lib/judges/find-cached-keys";
import { planJudgeTasks, type JudgeTask } from "@/lib/judges/plan-judge-tasks";
import { parseJudgeVerdict } from "@/lib/judges/parse-judge-verdict";
import { storeLabelingVerdicts } from "@/lib/judges/store-labeling-verdicts";
import { verdictJsonSchema } from "@/lib/judges/verdict-json-schema";
import { logger } from "@/lib/logger";

const TERMINAL = new Set(["COMPLETE", "INCOMPLETE", "BUDGET_EXCEEDED", "FAILED"]);
const CHOICE_BY_ANSWER = { OUTPUT_A: "A", TIE: "TIE", OUTPUT_B: "B" } as const;

/**
 * Run a queued judge run to the end. It calls the endpoint for every request that has neither
 * a successful call in any run nor an attempt in this run, stores each outcome as it arrives,
 * and records simulated judgments or labelling verdicts. Safe to run
 * again for the same run after a crash: it resumes with what is missing. An unexpected error
 * marks the run FAILED instead of being thrown, so pg-boss does not repeat it.
 */
export async function executeJudgeRun({ runId }: { runId: string }): Promise<void> {
  const run = await db.judgeRun.findUnique({ where: { id: runId }, include: { judgeVersion: true } });
  if (!run) {
    logger.warn({ runId }, "judge run not found; skipping its job");
    return;
  }
  if (TERMINAL.has(run.status)) {
    return;
  }

  await db.judgeRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: run.startedAt ?? new Date() } });
  logger.info({ runId, judgeVersionId: run.judgeVersionId }, "judge run started");

  try {
    const target = run.studyId ? { studyId: run.studyId } : { labelingSetId: run.labelingSetId!, criterionSideId: run.criterionSideId };
    const { tasks } = await planJudgeTasks(run.judgeVersion, target);
    const missing = await findMissingTasks(runId, tasks);

    const { budgetExceeded } = await callMissingTasks({ runId, version: run.judgeVersion, budgetUsd: run.budgetUsd, tasks: missing });

    await storeStudyJudgments(run.judgeVersionId, tasks);
    if (run.labelingSetId) {
      await storeLabelingVerdicts({ judgeVersionId: run.judgeVersionId, tasks });
    }

    const answered = await findCachedKeys(tasks.map((task) => task.cacheKey));
    const status = budgetExceeded ? "BUDGET_EXCEEDED" : answered.size === new Set(tasks.map((task) => task.cacheKey)).size ? "COMPLETE" : "INCOMPLETE";
    await db.judgeRun.update({ where: { id: runId }, data: { status, activeKey: null, finishedAt: new Date() } });
    logger.info({ runId, status, callsNeeded: missing.length }, "judge run finished");
  } catch (error) {
    logger.error({ err: error, runId }, "judge run failed");
    const message = error instanceof Error ? error.message : String(error);
    await db.judgeRun.update({ where: { id: runId }, data: { status: "FAILED", activeKey: null, error: message.slice(0, 2_000), finishedAt: new Date() } });
  }
}

/** Tasks without a successful call in any run and without an attempt in this run. */
async function findMissingTasks(runId: string, tasks: JudgeTask[]): Promise<JudgeTask[]> {
  const cached = await findCachedKeys(tasks.map((task) => task.cacheKey));
  const attempted = await db.judgeCall.findMany({ where: { runId }, select: { cacheKey: true } });
  const done = new Set([...cached, ...attempted.map((call) => call.cacheKey)]);

  const seen = new Set<string>();
  return tasks.filter((task) => {
    if (done.has(task.cacheKey) || seen.has(task.cacheKey)) {
      return false;
    }
    seen.add(task.cacheKey);
    return true;
  });
}

/**
 * Call every task with at most `version.concurrency` requests in flight, within the rate
 * limits. A call starts only when its worst-case cost, added to what the run spent and to the
 * worst case of the calls in flight, fits the budget. When it does not fit, the caller waits
 * for calls in flight to settle, and the run stops once it does not fit with none in flight.
 */
async function callMissingTasks(options: { runId: string; version: JudgeVersion; budgetUsd: number | null; tasks: JudgeTask[] }) {
  const { runId, version, budgetUsd, tasks } = options;
  if (tasks.length === 0) {
    return { budgetExceeded: false };
  }

  const client = createClient(version);
  const limiter = createRateLimiter({ requestsPerMinute: version.requestsPerMinute, tokensPerMinute: version.tokensPerMinute });
  const jsonSchema = version.structuredOutput ? verdictJsonSchema(version.verdictMode) : undefined;
  const writer = createCallWriter();

  const spent = await db.judgeCall.aggregate({ where: { runId }, _sum: { costUsd: true } });
  let spentUsd = spent._sum.costUsd ?? 0;
  let reservedUsd = 0;
  let inFlight = 0;
  let budgetExceeded = false;
  let next = 0;
  let wakeWaiters: (() => void)[] = [];

  /** Wait for a call in flight to settle, after which its reservation is replaced by its real cost. */
  const nextSettlement = () => new Promise<void>((resolve) => wakeWaiters.push(resolve));
  const wakeAll = () => {
    const waiters = wakeWaiters;
    wakeWaiters = [];
    waiters.forEach((wake) => wake());
  };

  async function serve(): Promise<void> {
    while (!budgetExceeded && next < tasks.length) {
      const task = tasks[next];
      const worstCaseUsd = estimateCallCost(version, task.estimatedPromptTokens, version.maxTokens);
      if (budgetUsd !== null && spentUsd + reservedUsd + worstCaseUsd > budgetUsd) {
        if (inFlight > 0) {
          await nextSettlement();
          continue;
        }
        budgetExceeded = true;
        logger.warn({ runId, budgetUsd, spentUsd }, "judge run stopped at its budget");
        wakeAll();
        return;
      }
      next += 1;
      inFlight += 1;
      reservedUsd += worstCaseUsd;

      await limiter.acquire(task.estimatedPromptTokens + version.maxTokens);
      const outcome = await callJudgeModel({
        client,
        request: { model: version.model, messages: task.messages, temperature: version.temperature, maxTokens: version.maxTokens, jsonSchema },
        maxAttempts: version.maxAttempts,
        context: { runId, cacheKey: task.cacheKey },
      });

      const costUsd = await storeCall({ writer, runId, version, task, outcome });
      inFlight -= 1;
      reservedUsd = inFlight === 0 ? 0 : reservedUsd - worstCaseUsd;
      spentUsd += costUsd;
      wakeAll();
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(version.concurrency, tasks.length)) }, () => serve()));
  return { budgetExceeded };
}

function createClient(version: JudgeVersion): OpenAI {
  const apiKey = process.env[version.apiKeyEnv];
  if (!apiKey) {
    throw new Error(
      `The environment variable ${version.apiKeyEnv}, which judge version ${version.id} names for its API key, is not set in the worker. Set it (any value for endpoints without keys) and start the run again.`,
    );
  }
  return new OpenAI({ baseURL: version.baseUrl, apiKey, timeout: version.timeoutSeconds * 1000, maxRetries: 0 });
}

/** Store one call's outcome and, for a study item, its judgment; returns its cost. */
async function storeCall(options: { writer: CallWriter; runId: string; version: JudgeVersion; task: JudgeTask; outcome: JudgeCallOutcome }): Promise<number> {
  const { writer, runId, version, task, outcome } = options;

  let status: JudgeCallStatus = "FAILED";
  let answer: JudgeAnswer | null = null;
  let error: string | null = null;
  let rawOutput: string | null = null;
  let costUsd = 0;
  let promptTokens = 0;
  let completionTokens = 0;

  if (outcome.kind === "answered") {
    const verdict = parseJudgeVerdict(outcome.content, version.verdictMode);
    status = verdict.ok ? "SUCCEEDED" : "UNPARSEABLE";
    answer = verdict.ok ? verdict.answer : null;
    error = verdict.ok ? null : verdict.reason;
    rawOutput = outcome.content;
    promptTokens = outcome.promptTokens ?? task.estimatedPromptTokens;
    completionTokens = outcome.completionTokens ?? version.maxTokens;
    costUsd = estimateCallCost(version, promptTokens, completionTokens);
  } else {
    error = outcome.error;
    rawOutput = outcome.rawOutput;
  }

  if (status !== "SUCCEEDED") {
    logger.warn({ runId, cacheKey: task.cacheKey, status, error }, "judge call returned no verdict");
  }

  const call = {
    runId,
    cacheKey: task.cacheKey,
    studyItemId: task.studyItemId,
    labelingPairId: task.labelingPairId,
    criterionSideId: task.criterionSideId,
    swapped: task.swapped,
    status,
    answer,
    rawOutput,
    error,
    attempts: outcome.attempts,
    promptTokens,
    completionTokens,
    costUsd,
  };

  await writer.write({ call, judgment: answer && task.studyItemId ? toJudgment(version.id, task, answer) : null });
  return costUsd;
}

/** Ensure every successful call of the tasks has its judgment, including calls answered from cache. */
async function storeStudyJudgments(judgeVersionId: string, tasks: JudgeTask[]): Promise<void> {
  const studyTasks = tasks.filter((task) => task.studyItemId);
  if (studyTasks.length === 0) {
    return;
  }

  const calls = await db.judgeCall.findMany({
    where: { cacheKey: { in: studyTasks.map((task) => task.cacheKey) }, status: "SUCCEEDED" },
    select: { cacheKey: true, answer: true },
  });
  const answerByKey = new Map(calls.map((call) => [call.cacheKey, call.answer!]));

  const judgments = studyTasks.flatMap((task) => {
    const answer = answerByKey.get(task.cacheKey);
    return answer ? [toJudgment(judgeVersionId, task, answer)] : [];
  });
  await db.judgment.createMany({ data: judgments.map((judgment) => ({ ...judgment, judgeType: "SIMULATED" as const })), skipDuplicates: true });
}

function toJudgment(judgeVersionId: string, task: JudgeTask, answer: JudgeAnswer) {
  const shownFirst = task.swapped ? "BASELINE" : "CANDIDATE";
  const choice = CHOICE_BY_ANSWER[answer];

  return {
    studyItemId: task.studyItemId!,
    judgeVersionId,
    criterionSideId: task.criterionSideId,
    verdict: verdictForChoice(choice, shownFirst),
    shownFirst,
  } as const;
}
