import { spawn, type ChildProcess } from "node:child_process";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { createJudgingStudy } from "@/tests/assignment-fixtures";
import { createAdmin, createTestJudge, preferCandidate, TEST_KEY, TEST_KEY_ENV } from "@/tests/judges-fixtures";
import { startMockOpenAiServer, type MockOpenAiServer } from "@/tests/support/mock-openai-server";

let server: MockOpenAiServer;
const workers: ChildProcess[] = [];
let workerOutput = "";

beforeAll(async () => {
  server = await startMockOpenAiServer((request) => ({ ...preferCandidate(request), delayMs: 150 }));
});

afterAll(async () => {
  for (const worker of workers) {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill("SIGKILL");
    }
  }
  await server.close();
  await (await getJobBoss()).stop({ graceful: false });
});

/** Start the real worker process (`npm run worker` without npm, so SIGKILL reaches it). */
function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, [TEST_KEY_ENV]: TEST_KEY, LOG_LEVEL: "debug" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
  workers.push(worker);
  return worker;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Worker output:\n${workerOutput.slice(-4_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("judge worker killed mid-run", () => {
  it("resumes on another worker and calls only what is missing", { timeout: 120_000 }, async () => {
    const admin = await createAdmin();
    const { study } = await createJudgingStudy({ itemCount: 24, criterionDimensionKeys: ["P1"] });
    const version = await createTestJudge(admin, server.baseUrl, { concurrency: 2 });
    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { studyId: study.id }, budgetUsd: null });

    const first = startWorker();
    await waitFor(() => server.answered.length >= 6, 60_000, "6 answered calls");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    const killedAt = new Date();
    const storedBeforeKill = await db.judgeCall.findMany({ where: { runId }, select: { studyItemId: true } });

    startWorker();
    const finished = async () => ["COMPLETE", "INCOMPLETE", "FAILED"].includes((await db.judgeRun.findUniqueOrThrow({ where: { id: runId } })).status);
    await waitFor(finished, 90_000, "the run to finish on the second worker");

    const run = await db.judgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("COMPLETE");
    expect(storedBeforeKill.length).toBeGreaterThanOrEqual(4);
    expect(await db.judgeCall.count({ where: { runId, status: "SUCCEEDED" } })).toBe(24);
    expect(await db.judgment.count({ where: { studyItem: { studyId: study.id }, judgeType: "SIMULATED" } })).toBe(24);

    const requestsPerOutput = new Map<string, number>();
    for (const request of server.requests) {
      const key = request.item.replace(/^[\s\S]*?Output \(a\):/, "");
      requestsPerOutput.set(key, (requestsPerOutput.get(key) ?? 0) + 1);
    }
    // Only the calls in flight at the kill (at most the concurrency of 2) may be sent twice.
    const repeated = [...requestsPerOutput.values()].filter((count) => count > 1).length;
    expect(repeated).toBeLessThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(24 + 2);
    const callsAfterKill = await db.judgeCall.count({ where: { runId, createdAt: { gt: killedAt } } });
    expect(callsAfterKill).toBe(24 - storedBeforeKill.length);

    expect(workerOutput).toContain("judge run started");
    expect(workerOutput).not.toContain(TEST_KEY);
  });
});
