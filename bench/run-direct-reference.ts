import type pg from "pg";

import { pauseToRead } from "@/e2e/support/load-client";
import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { AppError } from "@/lib/errors";

import type { Sample } from "./summarize-samples";

const ANSWERS = ["P1", "P2", "P3"].map((dimensionKey) => ({ dimensionKey, choice: "TIE" as const }));

/**
 * Run `workers` crowdworkers in this process, each looping claimNextItem then submitJudgment
 * through the shared Prisma client (the pg driver adapter) until `seconds` have passed: the same
 * SQL the routes run, without HTTP, Next.js or the session. Errors are recorded with status 500,
 * or 409 for an AppError.
 */
export async function runDirectReference(
  pool: pg.Pool,
  options: { studyId: string; workers: number; seconds: number; thinkMs: number; namePrefix: string },
): Promise<{ samples: Sample[]; acknowledged: string[]; elapsedSeconds: number }> {
  const userIds = Array.from({ length: options.workers }, (_, index) => `${options.namePrefix}-worker-${index}`);
  await pool.query(
    `insert into "User" (id, role, "participantId", pseudonym) select id, 'CROWDWORKER', id, id from unnest($1::text[]) as worker(id)`,
    [userIds],
  );
  await pool.query(
    `insert into "StudyParticipation" (id, "studyId", "userId") select id || '-participation', $2, id from unnest($1::text[]) as worker(id)`,
    [userIds, options.studyId],
  );

  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  const started = performance.now();
  const deadline = Date.now() + options.seconds * 1000;

  const timed = async <T>(call: string, action: () => Promise<T>): Promise<T | undefined> => {
    const begin = performance.now();
    try {
      const result = await action();
      samples.push({ call, milliseconds: performance.now() - begin, status: 200 });
      return result;
    } catch (error) {
      samples.push({ call, milliseconds: performance.now() - begin, status: error instanceof AppError ? error.status : 500 });
      return undefined;
    }
  };

  await Promise.all(
    userIds.map(async (userId) => {
      while (Date.now() < deadline) {
        const assignment = await timed("claim", () => claimNextItem({ studyId: options.studyId, userId }));
        if (assignment === null) {
          return;
        }
        if (assignment === undefined) {
          continue;
        }
        await pauseToRead(options.thinkMs);
        const stored = await timed("submit", () =>
          submitJudgment({ assignmentId: assignment.id, userId, requestId: crypto.randomUUID(), answers: ANSWERS }),
        );
        if (stored) {
          acknowledged.push(assignment.id);
        }
      }
    }),
  );

  return { samples, acknowledged, elapsedSeconds: (performance.now() - started) / 1000 };
}
