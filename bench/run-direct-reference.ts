import pg from "pg";

import { pauseToRead } from "@/e2e/support/load-client";
import { ATTENTION_CHECK_TEXTS, CLAIM_STATEMENT, type ClaimOutcome } from "@/lib/assignment/claim-next-item";
import { drawOrderSeed, shownFirstFromSeed } from "@/lib/assignment/display-order";
import { SUBMIT_CONTEXT_STATEMENT, SUBMIT_STATEMENT, type SubmitContext, type SubmitOutcome } from "@/lib/assignment/submit-judgment";

import type { Sample } from "./summarize-samples";

const VERDICTS = ["CANDIDATE", "TIE", "BASELINE"] as const;

/**
 * Simulated crowdworkers without HTTP: each loops a claim then a submission as raw SQL on one
 * pg pool. They send the statements that claimNextItem and submitJudgment send (the claim
 * function, then the criteria read and the submit function), without Next.js, sessions, Prisma
 * or the assignment view. A claim or submission whose outcome is not a lease, an end of work or
 * a stored result is recorded with status 409, and a database error with status 500.
 */
export class DirectReference {
  /** Every call made, over all rounds. */
  readonly samples: Sample[] = [];
  /** Assignment ids whose submission was stored. */
  readonly acknowledged: string[] = [];

  private readonly finished = new Set<string>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly studyId: string,
    private readonly userIds: string[],
  ) {}

  /** Store `workers` crowdworkers who entered the study and open a pool of `poolSize` connections. */
  static async create(
    databaseUrl: string,
    options: { studyId: string; workers: number; poolSize: number; namePrefix: string },
  ): Promise<DirectReference> {
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
    return new DirectReference(pool, options.studyId, userIds);
  }

  /**
   * Let every crowdworker judge until `seconds` have passed; calls in flight then finish. Each one
   * starts after a random wait of up to `thinkMs`. Returns the elapsed seconds.
   */
  async run(options: { seconds: number; thinkMs: number }): Promise<number> {
    const started = performance.now();
    const deadline = Date.now() + options.seconds * 1000;

    await Promise.all(
      this.userIds
        .filter((userId) => !this.finished.has(userId))
        .map(async (userId) => {
          await startWithin(options.thinkMs);
          while (Date.now() < deadline) {
            const claimed = await this.timed("claim", () => this.claim(userId));
            if (claimed?.outcome === "none") {
              this.finished.add(userId);
              return;
            }
            if (claimed?.outcome !== "assigned") {
              continue;
            }
            await pauseToRead(options.thinkMs);
            const stored = await this.timed("submit", () => this.submit(userId, claimed.assignment.id));
            if (stored) {
              this.acknowledged.push(claimed.assignment.id);
            }
          }
        }),
    );

    return (performance.now() - started) / 1000;
  }

  async end(): Promise<void> {
    await this.pool.end();
  }

  /** Time one call; `action` returns whether its outcome was a success. */
  private async timed<T>(call: string, action: () => Promise<{ ok: boolean; value: T }>): Promise<T | undefined> {
    const begin = performance.now();
    try {
      const { ok, value } = await action();
      this.samples.push({ call, milliseconds: performance.now() - begin, status: ok ? 200 : 409 });
      return ok ? value : undefined;
    } catch {
      this.samples.push({ call, milliseconds: performance.now() - begin, status: 500 });
      return undefined;
    }
  }

  private async claim(userId: string): Promise<{ ok: boolean; value: ClaimOutcome }> {
    const orderSeed = drawOrderSeed();
    const { rows } = await this.pool.query<{ claim: ClaimOutcome }>(CLAIM_STATEMENT, [
      this.studyId,
      userId,
      orderSeed,
      shownFirstFromSeed(orderSeed),
      ATTENTION_CHECK_TEXTS,
    ]);
    const outcome = rows[0].claim;
    return { ok: outcome.outcome === "assigned" || outcome.outcome === "none", value: outcome };
  }

  private async submit(userId: string, assignmentId: string): Promise<{ ok: boolean; value: SubmitOutcome }> {
    const context = await this.pool.query<SubmitContext>(SUBMIT_CONTEXT_STATEMENT, [assignmentId]);
    const sideIds = context.rows[0].criteria.map((criterion) => criterion.sideId);
    const verdicts = sideIds.map(() => VERDICTS[Math.floor(Math.random() * VERDICTS.length)]);
    const { rows } = await this.pool.query<{ submission: SubmitOutcome }>(SUBMIT_STATEMENT, [
      assignmentId,
      userId,
      crypto.randomUUID(),
      sideIds,
      verdicts,
    ]);
    return { ok: rows[0].submission.outcome === "stored", value: rows[0].submission };
  }
}

/**
 * Wait a uniformly drawn 0 to `maxMs` milliseconds. Crowdworkers who start a round together
 * would otherwise all claim at once, and with a long reading time that burst, not the steady
 * load, would set the latency percentiles.
 */
export function startWithin(maxMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * maxMs));
}
