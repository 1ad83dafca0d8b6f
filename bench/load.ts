/**
 * Load benchmark of handing out and taking back work. Simulated crowdworkers (HTTP clients with
 * Auth.js sessions) loop GET next-item then POST judgments against `next start` on loopback.
 * In alternating rounds, as many crowdworkers send the same claim and submit SQL from this
 * process through pg, with as many connections, as the reference.
 * Needs a production build (`npm run build`) and DATABASE_URL naming a PostgreSQL server, on
 * which it creates and drops a scratch database. See docs/benchmarks.md.
 *
 *   npm run bench:load -- [--workers 200] [--seconds 20] [--items 3000] [--servers 1|2]
 *                         [--pool-size 10] [--port 3200] [--think-ms 0] [--rounds 4]
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";

import pg from "pg";

import { checkJudgmentIntegrity, createLoadStudy, type IntegrityReport } from "@/e2e/support/database";
import { LoadClient, startAppServer, type AppServer } from "@/e2e/support/load-client";
import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getPrisma } from "@/lib/db/prisma";

import { DirectReference, startWithin } from "./run-direct-reference";
import { summarizeSamples, type CallSummary, type Sample } from "./summarize-samples";

const JUDGMENTS_PER_ITEM = 3;
const SIGN_IN_CONCURRENCY = 20;
/** The latency target for each HTTP call at the 95th percentile, in milliseconds. */
const P95_TARGET_MS = 150;

type PhaseResult = { label: string; samples: Sample[]; acknowledged: string[]; elapsedSeconds: number; integrity: IntegrityReport };

async function main() {
  const { values } = parseArgs({
    options: {
      workers: { type: "string", default: "200" },
      seconds: { type: "string", default: "20" },
      items: { type: "string", default: "3000" },
      servers: { type: "string", default: "1" },
      "pool-size": { type: "string", default: process.env.DATABASE_POOL_SIZE ?? "10" },
      port: { type: "string", default: "3200" },
      "think-ms": { type: "string", default: "0" },
      rounds: { type: "string", default: "4" },
    },
  });
  const workers = positiveInteger(values.workers, "--workers");
  const seconds = positiveInteger(values.seconds, "--seconds");
  const items = positiveInteger(values.items, "--items");
  const servers = positiveInteger(values.servers, "--servers");
  const poolSize = positiveInteger(values["pool-size"], "--pool-size");
  const port = positiveInteger(values.port, "--port");
  const thinkMs = nonNegativeInteger(values["think-ms"], "--think-ms");
  const rounds = positiveInteger(values.rounds, "--rounds");

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("DATABASE_URL is not set. Point it at a PostgreSQL server; the benchmark creates and drops its own database there.");
  }

  const loadAverageAtStart = os.loadavg();
  const scratch = await createScratchDatabase(serverUrl, "ladle_bench");
  process.env.DATABASE_URL = scratch.url;
  const pool = new pg.Pool({ connectionString: scratch.url, max: 4 });
  const running: AppServer[] = [];

  try {
    await prepareDatabase();
    const studyOptions = { itemCount: items, judgmentsPerItem: JUDGMENTS_PER_ITEM, itemsPerWorker: items };
    const httpStudy = await createLoadStudy(pool, { ...studyOptions, name: "bench-http" });
    const directStudy = await createLoadStudy(pool, { ...studyOptions, name: "bench-direct" });
    // Without fresh statistics the planner treats the new study as tiny, and the claim and submit
    // functions ran 5-10 times slower under load in this benchmark.
    await pool.query("ANALYZE");

    const env = { DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: String(poolSize), AUTH_SECRET: randomBytes(32).toString("base64url"), LOG_LEVEL: "warn" };
    for (let index = 0; index < servers; index += 1) {
      running.push(await startAppServer({ port: port + index, env }));
    }

    const clients = await signInClients({ studyId: httpStudy.studyId, workers, servers: running });
    // The reference gets as many connections as all app processes together.
    const reference = await DirectReference.create(scratch.url, {
      studyId: directStudy.studyId,
      workers,
      poolSize: poolSize * servers,
      namePrefix: "bench-direct",
    });

    // Short alternating rounds expose both phases to the same background load on a shared machine.
    let httpSeconds = 0;
    let directSeconds = 0;
    for (let round = 0; round < rounds; round += 1) {
      httpSeconds += await runHttpRound(clients, { seconds: seconds / rounds, thinkMs });
      directSeconds += await reference.run({ seconds: seconds / rounds, thinkMs });
    }
    await reference.end();
    await Promise.all(running.splice(0).map((server) => server.stop()));

    const httpAcknowledged = clients.flatMap((client) => client.acknowledged);
    const http: PhaseResult = {
      label: `HTTP (${servers} × next start)`,
      samples: clients.flatMap((client) => client.samples),
      acknowledged: httpAcknowledged,
      elapsedSeconds: httpSeconds,
      integrity: await checkJudgmentIntegrity(pool, { studyId: httpStudy.studyId, acknowledged: httpAcknowledged }),
    };
    const direct: PhaseResult = {
      label: `direct (the same SQL through pg, pool ${poolSize * servers}, no HTTP)`,
      samples: reference.samples,
      acknowledged: reference.acknowledged,
      elapsedSeconds: directSeconds,
      integrity: await checkJudgmentIntegrity(pool, { studyId: directStudy.studyId, acknowledged: reference.acknowledged }),
    };

    writeReport({ workers, seconds, items, servers, poolSize, thinkMs, rounds, loadAverageAtStart }, http, direct);
  } finally {
    await Promise.all(running.map((server) => server.kill()));
    await pool.end();
    await getPrisma().$disconnect();
    await scratch.drop();
  }
}

/** Sign every crowdworker in, spread over the servers in turn. */
async function signInClients(options: { studyId: string; workers: number; servers: AppServer[] }): Promise<LoadClient[]> {
  const clients: LoadClient[] = [];
  for (let first = 0; first < options.workers; first += SIGN_IN_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SIGN_IN_CONCURRENCY, options.workers - first) }, (_, offset) => first + offset);
    clients.push(
      ...(await Promise.all(
        batch.map((index) =>
          LoadClient.signIn({
            baseUrl: `http://localhost:${options.servers[index % options.servers.length].port}`,
            studyId: options.studyId,
            prolificPid: `bench${index}`,
          }),
        ),
      )),
    );
  }
  return clients;
}

/**
 * Let every signed-in crowdworker judge until `seconds` have passed; calls in flight then finish.
 * Each one starts after a random wait of up to `thinkMs`. Returns the elapsed seconds.
 */
async function runHttpRound(clients: LoadClient[], options: { seconds: number; thinkMs: number }): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      await startWithin(options.thinkMs);
      await client.run({ shouldStop: () => Date.now() >= deadline, thinkMs: options.thinkMs });
    }),
  );
  return (performance.now() - started) / 1000;
}

function writeReport(
  settings: { workers: number; seconds: number; items: number; servers: number; poolSize: number; thinkMs: number; rounds: number; loadAverageAtStart: number[] },
  http: PhaseResult,
  direct: PhaseResult,
) {
  const lines = [
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    `load average at the start: ${settings.loadAverageAtStart.map((value) => value.toFixed(1)).join(" / ")} (1 / 5 / 15 min)`,
    `settings: ${settings.workers} crowdworkers, ${settings.seconds} s, ${settings.items} items × ${JUDGMENTS_PER_ITEM} judgments, ` +
      `${settings.servers} app process(es), DATABASE_POOL_SIZE ${settings.poolSize} each, think time ${settings.thinkMs} ms, ${settings.rounds} rounds`,
    "",
  ];
  for (const phase of [http, direct]) {
    const rate = phase.acknowledged.length / phase.elapsedSeconds;
    lines.push(`${phase.label}: ${phase.acknowledged.length} submissions in ${phase.elapsedSeconds.toFixed(1)} s = ${rate.toFixed(1)} items judged/s`);
    lines.push(...summarizeSamples(phase.samples).map(formatCall));
    lines.push(`  integrity: ${JSON.stringify({ ...phase.integrity, lostSubmissions: phase.integrity.lostSubmissions.length })}`);
  }
  const ratio = http.acknowledged.length / http.elapsedSeconds / (direct.acknowledged.length / direct.elapsedSeconds);
  const httpCalls = summarizeSamples(http.samples);
  const p95Met = httpCalls.length === 2 && httpCalls.every((summary) => summary.p95 < P95_TARGET_MS);
  const intact = [http, direct].every(({ integrity }) => isIntact(integrity));
  lines.push(
    "",
    `load average at the end: ${os.loadavg().map((value) => value.toFixed(1)).join(" / ")}`,
    `throughput ratio HTTP / direct: ${ratio.toFixed(2)} (target at least 0.5: ${ratio >= 0.5 ? "met" : "missed"})`,
    `HTTP p95 under ${P95_TARGET_MS} ms for both calls: ${p95Met ? "met" : "missed"}`,
    `no duplicates, no losses: ${intact ? "met" : "missed"}`,
  );

  process.stdout.write(`${lines.join("\n")}\n`);
}

function isIntact(integrity: IntegrityReport): boolean {
  const { lostSubmissions, ...counts } = integrity;
  return lostSubmissions.length === 0 && Object.values(counts).every((count) => count === 0);
}

function formatCall(summary: CallSummary): string {
  const errors = Object.entries(summary.errors).map(([status, count]) => `${count} × ${status}`).join(", ") || "none";
  return `  ${summary.call.padEnd(9)} n=${summary.count}  p50 ${summary.p50.toFixed(1)} ms  p95 ${summary.p95.toFixed(1)} ms  p99 ${summary.p99.toFixed(1)} ms  errors: ${errors}`;
}

function positiveInteger(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`${flag} must be a positive integer, got "${value}".`);
  }
  return parsed;
}

function nonNegativeInteger(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`${flag} must be 0 or a positive integer, got "${value}".`);
  }
  return parsed;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
