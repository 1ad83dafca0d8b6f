import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

export type CallWrite = { call: Prisma.JudgeCallCreateManyInput; judgment: Prisma.JudgmentCreateManyInput | null };

/**
 * Store call outcomes (and their judgments) with group commit: a write waits only for the
 * transaction in progress, and everything that arrived meanwhile goes into the next one. At
 * concurrency 32 this keeps one transaction in flight instead of 32. `write` resolves once
 * its rows are committed.
 */
export type CallWriter = ReturnType<typeof createCallWriter>;

export function createCallWriter() {
  let pending: { write: CallWrite; done: () => void; failed: (error: unknown) => void }[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const judgments = batch.flatMap((entry) => (entry.write.judgment ? [entry.write.judgment] : []));
        await db.$transaction([
          db.judgeCall.createMany({ data: batch.map((entry) => entry.write.call), skipDuplicates: true }),
          db.judgment.createMany({ data: judgments, skipDuplicates: true }),
        ]);
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
