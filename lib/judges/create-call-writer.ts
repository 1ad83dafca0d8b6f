import { db } from "@/lib/db/prisma";
import type { JudgeAnswer, JudgeCallStatus, Verdict } from "@/lib/generated/prisma/enums";

/** One call outcome as stored in JudgeCall, and the Judgment it yields for a study item. */
export type CallWrite = {
  call: {
    runId: string;
    cacheKey: string;
    studyItemId: string | null;
    labelingPairId: string | null;
    criterionSideId: string;
    swapped: boolean;
    status: JudgeCallStatus;
    answer: JudgeAnswer | null;
    rawOutput: string | null;
    error: string | null;
    attempts: number;
    promptTokens: number;
    completionTokens: number;
    costUsd: number;
  };
  judgment: { studyItemId: string; judgeVersionId: string; criterionSideId: string; verdict: Verdict; shownFirst: "CANDIDATE" | "BASELINE" } | null;
};

export type CallWriter = ReturnType<typeof createCallWriter>;

/**
 * Store call outcomes (and their judgments) with group commit: a write waits only for the
 * transaction in progress, and everything that arrived meanwhile goes into the next one. At
 * concurrency 32 this keeps one transaction in flight instead of 32. `write` resolves once
 * its rows are committed. Rows already stored (same run and cache key, or same judgment key)
 * are skipped.
 */
export function createCallWriter() {
  let pending: { write: CallWrite; done: () => void; failed: (error: unknown) => void }[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await storeBatch(batch.map((entry) => entry.write));
        batch.forEach((entry) => entry.done());
      } catch (error) {
        batch.forEach((entry) => entry.failed(error));
      }
    }
    flushing = false;
  }

  return {
    write(write: CallWrite): Promise<void> {
      return new Promise<void>((done, failed) => {
        pending.push({ write, done, failed });
        if (!flushing) {
          void flush();
        }
      });
    },
  };
}

/** Insert a batch with one statement per table through unnest, which costs far less CPU per row than createMany. */
async function storeBatch(writes: CallWrite[]): Promise<void> {
  const calls = writes.map((write) => write.call);
  const judgments = writes.flatMap((write) => (write.judgment ? [write.judgment] : []));
  const column = <Key extends keyof CallWrite["call"]>(key: Key) => calls.map((call) => call[key]);

  await db.$transaction([
    db.$executeRaw`
      insert into "JudgeCall" (id, "runId", "cacheKey", "studyItemId", "labelingPairId", "criterionSideId", swapped, status, answer,
        "rawOutput", error, attempts, "promptTokens", "completionTokens", "costUsd")
      select gen_random_uuid()::text, "runId", "cacheKey", "studyItemId", "labelingPairId", "criterionSideId", swapped,
        status::"JudgeCallStatus", answer::"JudgeAnswer", "rawOutput", error, attempts, "promptTokens", "completionTokens", "costUsd"
      from unnest(${column("runId")}::text[], ${column("cacheKey")}::text[], ${column("studyItemId")}::text[], ${column("labelingPairId")}::text[],
        ${column("criterionSideId")}::text[], ${column("swapped")}::boolean[], ${column("status")}::text[], ${column("answer")}::text[],
        ${column("rawOutput")}::text[], ${column("error")}::text[], ${column("attempts")}::int[], ${column("promptTokens")}::int[],
        ${column("completionTokens")}::int[], ${column("costUsd")}::float8[])
        as call("runId", "cacheKey", "studyItemId", "labelingPairId", "criterionSideId", swapped, status, answer,
          "rawOutput", error, attempts, "promptTokens", "completionTokens", "costUsd")
      on conflict ("runId", "cacheKey") do nothing`,
    db.$executeRaw`
      insert into "Judgment" (id, "studyItemId", "judgeType", "judgeVersionId", "criterionSideId", verdict, "shownFirst")
      select gen_random_uuid()::text, "studyItemId", 'SIMULATED', "judgeVersionId", "criterionSideId", verdict::"Verdict", "shownFirst"::"ComparedSystem"
      from unnest(${judgments.map((judgment) => judgment.studyItemId)}::text[], ${judgments.map((judgment) => judgment.judgeVersionId)}::text[],
        ${judgments.map((judgment) => judgment.criterionSideId)}::text[], ${judgments.map((judgment) => judgment.verdict)}::text[],
        ${judgments.map((judgment) => judgment.shownFirst)}::text[])
        as judgment("studyItemId", "judgeVersionId", "criterionSideId", verdict, "shownFirst")
      on conflict do nothing`,
  ]);
}
