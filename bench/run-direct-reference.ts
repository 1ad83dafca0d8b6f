import pg from "pg";

import { pauseToRead } from "@/e2e/support/load-client";
import { ATTENTION_CHECK_TEXTS, CLAIM_STATEMENT, type ClaimOutcome } from "@/lib/assignment/claim-next-item";
import { drawOrderSeed, shownFirstFromSeed } from "@/lib/assignment/display-order";
import { SUBMIT_CONTEXT_STATEMENT, SUBMIT_STATEMENT, type SubmitContext, type SubmitOutcome } from "@/lib/assignment/submit-judgment";

import type { Sample } from "./summarize-samples";

const VERDICTS = ["CANDIDATE", "TIE", "BASELINE"] as const;

/**
 * Run `workers` crowdworkers in this process, each looping a claim then a submission as raw SQL
 * on its own pg pool of `poolSize` connections until `seconds` have passed. It sends the
 * statements that claimNextItem and submitJudgment send (the claim function, then the criteria
 * read and the submit function), without HTTP, Next.js, sessions, Prisma or the assignment
 * view. A claim or submission whose outcome is not a stored result is recorded with status 409,
 * and a database error with status 500.
 */
export async function runDirectReference(
  databaseUrl: string,
  options: { studyId: string; workers: number; seconds: number; thinkMs: number; poolSize: number; namePrefix: string },
): Promise<{ samples: Sample[]; acknowledged: string[]; elapsedSeconds: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize });
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

  /** Time one call; `action` returns whether its outcome was a success. */
  const timed = async <T>(call: string, action: () => Promise<{ ok: boolean; value: T }>): Promise<T | undefined> => {
    const begin = performance.now();
    try {
      const { ok, value } = await action();
      samples.push({ call, milliseconds: performance.now() - begin, status: ok ? 200 : 409 });
      return ok ? value : undefined;
    } catch {
      samples.push({ call, milliseconds: performance.now() - begin, status: 500 });
      return undefined;
    }
  };

  const claim = async (userId: string) => {
    const orderSeed = drawOrderSeed();
    const { rows } = await pool.query<{ claim: ClaimOutcome }>(CLAIM_STATEMENT, [
      options.studyId,
      userId,
      orderSeed,
      shownFirstFromSeed(orderSeed),
      ATTENTION_CHECK_TEXTS,
    ]);
    const outcome = rows[0].claim;
    return { ok: outcome.outcome === "assigned" || outcome.outcome === "none", value: outcome };
  };

  const submit = async (userId: string, assignmentId: string) => {
    const context = await pool.query<SubmitContext>(SUBMIT_CONTEXT_STATEMENT, [assignmentId]);
    const sideIds = context.rows[0].criteria.map((criterion) => criterion.sideId);
    const verdicts = sideIds.map(() => VERDICTS[Math.floor(Math.random() * VERDICTS.length)]);
    const { rows } = await pool.query<{ submission: SubmitOutcome }>(SUBMIT_STATEMENT, [
      assignmentId,
      userId,
      crypto.randomUUID(),
      sideIds,
      verdicts,
    ]);
    return { ok: rows[0].submission.outcome === "stored", value: rows[0].submission };
  };

  try {
    await Promise.all(
      userIds.map(async (userId) => {
        while (Date.now() < deadline) {
          const claimed = await timed("claim", () => claim(userId));
          if (claimed?.outcome === "none") {
            return;
          }
          if (claimed?.outcome !== "assigned") {
            continue;
          }
          await pauseToRead(options.thinkMs);
          const stored = await timed("submit", () => submit(userId, claimed.assignment.id));
          if (stored) {
            acknowledged.push(claimed.assignment.id);
          }
        }
      }),
    );
    return { samples, acknowledged, elapsedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}
