import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { POST } from "@/app/api/training/jobs/[jobId]/callback/route";
import { db } from "@/lib/db/prisma";
import { cancelTrainingJob } from "@/lib/training/cancel-training-job";
import { runTrainingJob } from "@/lib/training/run-training-job";
import { startTrainingJob } from "@/lib/training/start-training-job";
import { stopTrainingJob } from "@/lib/training/stop-training-job";
import { buildSignatureHeaders, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER, verifyWebhookSignature } from "@/lib/training/webhook-signature";

import { uniqueName } from "./studies-fixtures";
import { createAdmin, createBackend, createTrlExport, stopJobBoss, useTemporaryTrainingFolders } from "./training-fixtures";

const SECRET_ENV = "LADLE_TEST_TRAINING_WEBHOOK_SECRET";
const SECRET = "test-secret-0123456789-abcdefghijklmnop";

type Received = { body: Record<string, unknown>; verified: boolean };

let removeFolders: () => Promise<void>;
let receiver: Server;
const received: Received[] = [];
let admin: Awaited<ReturnType<typeof createAdmin>>;
let backendId: string;
let exportId: string;

beforeAll(async () => {
  process.env[SECRET_ENV] = SECRET;
  ({ remove: removeFolders } = await useTemporaryTrainingFolders());

  // The outside training service, which verifies Ladle's signature and returns its own job id.
  receiver = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString("utf8");
    let verified = true;
    try {
      verifyWebhookSignature({ secret: SECRET, body, timestamp: request.headers[TIMESTAMP_HEADER] as string, signature: request.headers[SIGNATURE_HEADER] as string });
    } catch {
      verified = false;
    }
    received.push({ body: JSON.parse(body), verified });
    response.writeHead(verified ? 202 : 401, { "content-type": "application/json" });
    response.end(JSON.stringify({ externalId: `remote-${received.length}` }));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;

  admin = await createAdmin();
  backendId = (
    await createBackend(
      "WEBHOOK",
      { url: `http://127.0.0.1:${port}/jobs`, secretEnv: SECRET_ENV, callbackBaseUrl: "http://localhost:3700", outputRoot: "gs://runs" },
      admin.id,
    )
  ).id;
  exportId = (await createTrlExport({ createdById: admin.id })).dataExport.id;
});

afterAll(async () => {
  await stopJobBoss();
  await removeFolders();
  await new Promise((resolve) => receiver.close(resolve));
});

async function submitJob() {
  const job = await startTrainingJob({
    actor: admin,
    input: { name: uniqueName("policy"), kind: "POLICY", sideKey: "P1A", backendId, datasetExportId: exportId, baseModel: "huggyllama/llama-7b", systemName: uniqueName("hook-policy") },
  });
  await runTrainingJob({ trainingJobId: job.id, attempt: 1 });
  return job;
}

function callback(jobId: string, payload: object, options: { secret?: string; now?: number; headers?: Record<string, string> } = {}) {
  const body = JSON.stringify(payload);
  const headers = options.headers ?? buildSignatureHeaders(options.secret ?? SECRET, body, options.now);
  const request = new Request(`http://localhost:3700/api/training/jobs/${jobId}/callback`, { method: "POST", headers, body });
  return POST(request, { params: Promise.resolve({ jobId }) });
}

const load = (id: string) => db.trainingJob.findUniqueOrThrow({ where: { id }, include: { artifact: { include: { system: true } } } });

describe("webhook backend", () => {
  it("posts a signed job spec", async () => {
    const job = await submitJob();

    const message = received.at(-1)!;
    expect(message.verified).toBe(true);
    expect(message.body).toMatchObject({
      event: "submit",
      jobId: job.id,
      attempt: 1,
      callbackUrl: `http://localhost:3700/api/training/jobs/${job.id}/callback`,
      spec: { kind: "POLICY", side: { key: "P1A" }, outputLocation: `gs://runs/${job.id}/attempt-1` },
    });
    const stored = await load(job.id);
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.externalId).toBe(`remote-${received.length}`);
  });

  it("applies signed callbacks and registers the artifact", async () => {
    const job = await submitJob();

    const running = await callback(job.id, { attempt: 1, status: "RUNNING", logs: "step 10\n" });
    expect(running.status).toBe(200);
    expect((await load(job.id)).status).toBe("RUNNING");

    const done = await callback(job.id, { attempt: 1, status: "SUCCEEDED", logs: "step 20\n", artifactUri: "gs://runs/adapter-final" });
    expect(done.status).toBe(200);
    const stored = await load(job.id);
    expect(stored.status).toBe("SUCCEEDED");
    expect(stored.logs).toBe("step 10\nstep 20\n");
    expect(stored.artifact?.uri).toBe("gs://runs/adapter-final");
    expect(stored.artifact?.system.name).toBe(stored.systemName);
  });

  it("rejects bad, missing and stale signatures unchanged", async () => {
    const job = await submitJob();
    const payload = { attempt: 1, status: "SUCCEEDED", artifactUri: "gs://attacker/model" };
    const body = JSON.stringify(payload);
    const now = Math.floor(Date.now() / 1000);

    const cases: Record<string, Record<string, string>> = {
      "wrong secret": buildSignatureHeaders("another-secret-0123456789-abcdefghijkl", body),
      "no headers": {},
      "no signature": { [TIMESTAMP_HEADER]: String(now) },
      "stale timestamp": buildSignatureHeaders(SECRET, body, Date.now() - 10 * 60_000),
      "future timestamp": buildSignatureHeaders(SECRET, body, Date.now() + 10 * 60_000),
      "signature of another body": { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: `sha256=${signWebhookBody(SECRET, now, "{}")}` },
      "signature of another timestamp": { [TIMESTAMP_HEADER]: String(now), [SIGNATURE_HEADER]: `sha256=${signWebhookBody(SECRET, now - 1, body)}` },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const response = await callback(job.id, payload, { headers });
      expect(response.status, name).toBe(401);
    }

    const stored = await load(job.id);
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.artifact).toBeNull();
  });

  it("rejects a callback for an unknown job", async () => {
    const response = await callback("no-such-job", { attempt: 1, status: "RUNNING" });

    expect(response.status).toBe(401);
  });

  it("ignores callbacks of a replaced attempt", async () => {
    const job = await submitJob();

    const response = await callback(job.id, { attempt: 2, status: "FAILED", message: "boom" });
    expect(response.status).toBe(409);
    expect((await load(job.id)).status).toBe("SUBMITTED");
  });

  it("rejects a callback after the job ended", async () => {
    const job = await submitJob();
    await callback(job.id, { attempt: 1, status: "FAILED", message: "loss diverged", exitCode: 1 });

    const response = await callback(job.id, { attempt: 1, status: "SUCCEEDED" });
    expect(response.status).toBe(409);
    const stored = await load(job.id);
    expect(stored.status).toBe("FAILED");
    expect(stored.error).toBe("loss diverged");
    expect(stored.exitCode).toBe(1);
  });

  it("cancel posts a signed cancel message", async () => {
    const job = await submitJob();

    await cancelTrainingJob({ actor: admin, jobId: job.id });
    await stopTrainingJob({ trainingJobId: job.id, attempt: 1 });

    const message = received.at(-1)!;
    expect(message.verified).toBe(true);
    expect(message.body).toMatchObject({ event: "cancel", jobId: job.id, attempt: 1 });
    expect((await load(job.id)).status).toBe("CANCELLED");
  });

  it("fails an attempt when the secret is unset", async () => {
    delete process.env[SECRET_ENV];
    try {
      const job = await submitJob();

      const stored = await load(job.id);
      expect(stored.status).toBe("FAILED");
      expect(stored.error).toContain(`${SECRET_ENV} must hold the webhook secret`);
    } finally {
      process.env[SECRET_ENV] = SECRET;
    }
  });
});
