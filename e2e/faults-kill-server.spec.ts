import { randomBytes } from "node:crypto";

import { expect, test } from "@playwright/test";
import type pg from "pg";

import { checkJudgmentIntegrity, connectToAppDatabase, createLoadStudy, uniqueName } from "./support/database";
import { LoadClient, startAppServer, type AppServer } from "./support/load-client";

/**
 * Port of the server this spec starts and kills, next to the suite's E2E_PORT so parallel runs
 * with different E2E_PORT values do not collide; 3201 when E2E_PORT is unset.
 */
const PORT = process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 1 : 3201;
const CROWDWORKERS = 20;
const ITEMS_PER_WORKER = 6;
/** Acknowledged submissions to wait for before the server is killed, so that the kill lands mid-run. */
const ACKNOWLEDGED_BEFORE_KILL = 30;

let pool: pg.Pool;
let server: AppServer | undefined;

test.beforeAll(() => {
  pool = connectToAppDatabase();
});

test.afterAll(async () => {
  await server?.kill();
  await pool.end();
});

test("kill -9 under load stores every acknowledged submission once", async () => {
  test.setTimeout(60_000);
  const env = { DATABASE_URL: process.env.DATABASE_URL!, AUTH_SECRET: randomBytes(32).toString("base64url"), LOG_LEVEL: "warn" };
  const { studyId } = await createLoadStudy(pool, {
    // Twice the items the crowdworkers can take, so that none runs out while others hold leases.
    itemCount: 2 * CROWDWORKERS * ITEMS_PER_WORKER,
    judgmentsPerItem: 1,
    itemsPerWorker: ITEMS_PER_WORKER,
  });
  server = await startAppServer({ port: PORT, env });
  const clients = await Promise.all(
    Array.from({ length: CROWDWORKERS }, () =>
      LoadClient.signIn({ baseUrl: `http://localhost:${PORT}`, studyId, prolificPid: uniqueName("pid") }),
    ),
  );
  const acknowledgedCount = () => clients.reduce((sum, client) => sum + client.acknowledged.length, 0);

  // Every call that gets no response or a 5xx is repeated, with the same request id, until the server is back.
  const retryUntil = Date.now() + 45_000;
  const running = Promise.all(clients.map((client) => client.run({ shouldStop: () => false, retryUntil, retryDelayMs: 100 })));
  await expect.poll(acknowledgedCount, { timeout: 20_000 }).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
  await server.kill();
  const acknowledgedAtKill = acknowledgedCount();
  server = await startAppServer({ port: PORT, env });
  await running;

  const acknowledged = clients.flatMap((client) => client.acknowledged);
  const failedCalls = clients.flatMap((client) => client.samples).filter((sample) => sample.status === 0);
  expect(acknowledgedAtKill).toBeLessThan(CROWDWORKERS * ITEMS_PER_WORKER);
  expect(failedCalls.length).toBeGreaterThan(0);
  expect(acknowledged).toHaveLength(CROWDWORKERS * ITEMS_PER_WORKER);
  expect(new Set(acknowledged).size).toBe(acknowledged.length);

  const integrity = await checkJudgmentIntegrity(pool, { studyId, acknowledged });
  expect(integrity.lostSubmissions).toEqual([]);
  expect(integrity.duplicateJudgments).toBe(0);
  expect(integrity.duplicateAssignments).toBe(0);
  expect(integrity.partialSubmissions).toBe(0);
  expect(integrity.miscountedItems).toBe(0);
  expect(integrity.itemsOverQuota).toBe(0);
  const stored = await pool.query<{ n: number }>(
    `select count(*)::int as n from "Judgment" j join "StudyItem" i on i.id = j."studyItemId" where i."studyId" = $1`,
    [studyId],
  );
  expect(stored.rows[0].n).toBe(3 * acknowledged.length);
});
