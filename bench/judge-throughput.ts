/**
 * Benchmark of the judge worker. An OpenAI-compatible mock in this process answers every
 * request after a fixed latency; the real worker (`workers/index.ts`) runs as a child process
 * and judges a study of 800 items on 3 criteria (2,400 calls) at concurrency 32.
 *
 * 1. Throughput: calls answered per second from the first request to the last, as a fraction
 *    of the ideal concurrency / latency. As a reference on the same machine in the same run,
 *    the OpenAI SDK alone (no database, no worker) sends the same number of requests at the
 *    same concurrency from this process.
 * 2. Kill and restart: a second run of a fresh judge version; the worker is killed with SIGKILL
 *    after a third of its calls and a new worker resumes the run. Reports the outcomes stored
 *    before the kill, the requests in flight at the kill, the requests sent again after the
 *    restart, and how long the resume took.
 *
 * Needs DATABASE_URL naming a PostgreSQL server, on which it creates and drops a scratch
 * database. See docs/simulated-judges.md.
 *
 *   npm run bench:judges -- [--items 800] [--concurrency 32] [--latency-ms 300]
 */
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";

import OpenAI from "openai";
import pg from "pg";

import { createLoadStudy } from "@/e2e/support/database";
import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { db, getPrisma } from "@/lib/db/prisma";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { createJudge } from "@/lib/judges/create-judge";
import { DEFAULT_JUDGE_TEMPLATES } from "@/lib/judges/default-judge-templates";
import { renderJudgeMessages } from "@/lib/judges/judge-template";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { startMockOpenAiServer, type MockOpenAiServer } from "@/tests/support/mock-openai-server";

const KEY_ENV = "LADLE_BENCH_JUDGE_KEY";

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: "string", default: "800" },
      concurrency: { type: "string", default: "32" },
      "latency-ms": { type: "string", default: "300" },
    },
  });
  const items = Number(values.items);
  const concurrency = Number(values.concurrency);
  const latencyMs = Number(values["latency-ms"]);
  for (const [name, value] of [["--items", items], ["--concurrency", concurrency], ["--latency-ms", latencyMs]] as const) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`${name} must be a positive integer; got ${value}.`);
    }
  }

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("DATABASE_URL is not set. Point it at a PostgreSQL server; the benchmark creates and drops its own database there.");
  }
  const scratch = await createScratchDatabase(serverUrl, "ladle_bench_judges");
  process.env.DATABASE_URL = scratch.url;
  process.env[KEY_ENV] = "bench-key";
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
  const mock = await startMockOpenAiServer(() => ({ content: "Thought: the first is clearer.\nResult: Output (a)", delayMs: latencyMs }));
  const workers: ChildProcess[] = [];

  try {
    await prepareDatabase();
    const { studyId } = await createLoadStudy(pool, { itemCount: items, judgmentsPerItem: 1, itemsPerWorker: items, name: "bench-judges" });
    const admin = await db.user.create({ data: { role: "ADMIN", email: "bench-admin@bench.test" } });
    const ideal = concurrency / (latencyMs / 1000);

    console.log(`Judging ${items} items x 3 criteria at concurrency ${concurrency}, mock latency ${latencyMs} ms; ideal ${ideal.toFixed(1)} calls/s.`);

    // Phase 1: throughput.
    const throughputVersion = await createVersion(admin, mock.baseUrl, concurrency, "throughput");
    const throughputRun = await startJudgeRun({ actor: admin, judgeVersionId: throughputVersion, target: { studyId }, budgetUsd: null });
    workers.push(startWorker());
    await waitForRun(throughputRun.runId, "COMPLETE", 600_000);
    const throughput = summarize(mock, 0, mock.requests.length);
    const callsPerSecond = throughput.answered / throughput.seconds;
    await stopWorker(workers[0]);

    const referenceFrom = mock.requests.length;
    await runSdkReference(mock, items * 3, concurrency);
    const reference = summarize(mock, referenceFrom, mock.requests.length);
    const referenceCallsPerSecond = reference.answered / reference.seconds;

    // Phase 2: SIGKILL after a third of the calls, then a new worker resumes.
    const killVersion = await createVersion(admin, mock.baseUrl, concurrency, "kill");
    const firstRequest = mock.requests.length;
    const firstAnswered = mock.answered.length;
    const killRun = await startJudgeRun({ actor: admin, judgeVersionId: killVersion, target: { studyId }, budgetUsd: null });
    const killed = startWorker();
    workers.push(killed);
    await waitUntil(() => mock.answered.length - firstAnswered >= Math.floor((items * 3) / 3), 600_000);
    killed.kill("SIGKILL");
    await new Promise((resolve) => killed.once("exit", resolve));
    const killedAt = Date.now();
    const requestsAtKill = mock.requests.length;
    const storedAtKill = await db.judgeCall.count({ where: { runId: killRun.runId } });
    workers.push(startWorker());
    await waitForRun(killRun.runId, "COMPLETE", 600_000);
    const resumeSeconds = (mock.requestTimes[requestsAtKill] - killedAt) / 1000;

    const sentBeforeKill = new Set(mock.requests.slice(firstRequest, requestsAtKill).map((request) => request.item));
    const sentAgain = mock.requests.slice(requestsAtKill).filter((request) => sentBeforeKill.has(request.item)).length;
    const inFlightAtKill = sentBeforeKill.size - storedAtKill;
    const judgments = await pool.query<{ count: number }>(`select count(*)::int as count from "Judgment" where "judgeVersionId" = $1`, [killVersion]);

    console.log("\n| Measure | Value |\n|---|---|");
    console.log(`| Calls answered (run 1) | ${throughput.answered} |`);
    console.log(`| Seconds, first request to last answer | ${throughput.seconds.toFixed(2)} |`);
    console.log(`| Calls per second | ${callsPerSecond.toFixed(1)} |`);
    console.log(`| Fraction of ideal (${ideal.toFixed(1)}/s) | ${(callsPerSecond / ideal).toFixed(3)} |`);
    console.log(`| Reference, SDK alone: calls per second | ${referenceCallsPerSecond.toFixed(1)} |`);
    console.log(`| Reference fraction of ideal | ${(referenceCallsPerSecond / ideal).toFixed(3)} |`);
    console.log(`| Worker / reference | ${(callsPerSecond / referenceCallsPerSecond).toFixed(3)} |`);
    console.log(`| Run 2: requests sent in all | ${mock.requests.length - firstRequest} |`);
    console.log(`| Run 2: outcomes stored before the kill | ${storedAtKill} |`);
    console.log(`| Run 2: requests in flight at the kill (sent, not stored) | ${inFlightAtKill} |`);
    console.log(`| Run 2: requests sent again after the restart | ${sentAgain} |`);
    console.log(`| Run 2: stored outcomes sent again (sent again minus in flight) | ${Math.max(0, sentAgain - inFlightAtKill)} |`);
    console.log(`| Run 2: judgments stored | ${judgments.rows[0].count} |`);
    console.log(`| Run 2: seconds from SIGKILL to the new worker's first request | ${resumeSeconds.toFixed(1)} |`);
    console.log(`\nMachine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`);
  } finally {
    for (const worker of workers) {
      if (worker.exitCode === null && worker.signalCode === null) {
        worker.kill("SIGKILL");
      }
    }
    await mock.close();
    await (await getJobBoss()).stop({ graceful: false });
    await getPrisma().$disconnect();
    await pool.end();
    await scratch.drop();
  }
}

async function createVersion(admin: { id: string; role: "ADMIN" | "RESEARCHER" | "CROWDWORKER" }, baseUrl: string, concurrency: number, name: string): Promise<string> {
  const judge = await createJudge({
    actor: admin,
    name: `bench-${name}`,
    description: "",
    settings: {
      baseUrl,
      model: "mock-judge",
      apiKeyEnv: KEY_ENV,
      temperature: 0.1,
      maxTokens: 512,
      verdictMode: "THREE_WAY",
      orderMode: "ONE_ORDER",
      structuredOutput: false,
      inputPricePerMillion: 0,
      outputPricePerMillion: 0,
      concurrency,
      requestsPerMinute: 0,
      tokensPerMinute: 0,
      timeoutSeconds: 30,
      maxAttempts: 3,
      templates: DEFAULT_JUDGE_TEMPLATES,
    },
  });
  return judge.versions[0].id;
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM");
  await exited;
}

/** Send `count` requests shaped like the worker's through the OpenAI SDK, `concurrency` at a time, and store nothing. */
async function runSdkReference(mock: MockOpenAiServer, count: number, concurrency: number): Promise<void> {
  const client = new OpenAI({ baseURL: mock.baseUrl, apiKey: "bench-key", maxRetries: 0, timeout: 30_000 });
  const messages = renderJudgeMessages(
    DEFAULT_JUDGE_TEMPLATES.P1,
    { criterion: "Choose a response that is concise.", preferences: "Be concise.", instruction: "Explain tides.", outputA: "The moon.", outputB: "Gravity." },
    "THREE_WAY",
  );
  let next = 0;

  async function serve(): Promise<void> {
    while (next < count) {
      next += 1;
      await client.chat.completions.create({ model: "mock-judge", messages, temperature: 0.1, max_tokens: 512 });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => serve()));
}

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForRun(runId: string, status: string, timeoutMs: number): Promise<void> {
  await waitUntil(async () => {
    const run = await db.judgeRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status !== "QUEUED" && run.status !== "RUNNING" && run.status !== status) {
      throw new Error(`Run ${runId} ended ${run.status}: ${run.error ?? "no error stored"}`);
    }
    return run.status === status;
  }, timeoutMs);
}

/** Answered calls of requests [from, to) and the seconds from the first request to the last answer. */
function summarize(mock: MockOpenAiServer, from: number, to: number) {
  const answered = mock.answered.filter((request) => request.index >= from && request.index < to);
  const first = mock.requestTimes[from];
  const last = Math.max(...answered.map((request) => mock.answerTimes.get(request.index)!));
  return { answered: answered.length, seconds: (last - first) / 1000 };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
