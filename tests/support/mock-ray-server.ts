import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Job statuses of the Ray Jobs API. */
export type RayJobStatus = "PENDING" | "RUNNING" | "STOPPED" | "SUCCEEDED" | "FAILED";

export type MockRayJob = {
  submissionId: string;
  entrypoint: string;
  runtimeEnv: Record<string, unknown>;
  metadata: Record<string, string>;
  entrypointNumGpus: number | null;
  status: RayJobStatus;
  message: string;
  logs: string;
  stopRequests: number;
};

export type MockRayServer = {
  /** Dashboard address, such as http://127.0.0.1:41234. */
  address: string;
  jobs: Map<string, MockRayJob>;
  /** Method and path of every request, in order. */
  requests: string[];
  /** Move a job to `status`, as the cluster would, optionally appending output. */
  setStatus: (submissionId: string, status: RayJobStatus, options?: { message?: string; logs?: string }) => void;
  close: () => Promise<void>;
};

const TERMINAL: RayJobStatus[] = ["STOPPED", "SUCCEEDED", "FAILED"];

/**
 * Start an HTTP server on 127.0.0.1 that serves the Ray Jobs REST API of the Ray dashboard
 * as documented for Ray 2.x: POST /api/jobs/ (submit), GET /api/jobs/{id} (details),
 * GET /api/jobs/{id}/logs, POST /api/jobs/{id}/stop and GET /api/version. Jobs stay PENDING
 * until the test moves them with setStatus; stop moves a non-terminal job to STOPPED.
 */
export async function startMockRayServer(): Promise<MockRayServer> {
  const jobs = new Map<string, MockRayJob>();
  const requests: string[] = [];

  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    void route(request, response, jobs).catch((error: unknown) => send(response, 500, { detail: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `http://127.0.0.1:${port}`,
    jobs,
    requests,
    setStatus(submissionId, status, options = {}) {
      const job = jobs.get(submissionId);
      if (!job) {
        throw new Error(`The mock Ray server has no job ${submissionId}`);
      }
      job.status = status;
      job.message = options.message ?? job.message;
      job.logs += options.logs ?? "";
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, jobs: Map<string, MockRayJob>) {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const match = /^\/api\/jobs\/([^/]+)(\/logs|\/stop)?$/.exec(url.pathname);

  if (request.method === "GET" && url.pathname === "/api/version") {
    return send(response, 200, { version: "4", ray_version: "2.40.0", ray_commit: "mock" });
  }
  if (request.method === "POST" && url.pathname === "/api/jobs/") {
    return submit(await readJson(request), response, jobs);
  }
  if (!match) {
    return send(response, 404, { detail: `No route ${request.method} ${url.pathname}` });
  }

  const submissionId = decodeURIComponent(match[1]);
  const job = jobs.get(submissionId);
  if (!job) {
    return sendText(response, 404, `Job ${submissionId} does not exist`);
  }

  if (request.method === "GET" && !match[2]) {
    return send(response, 200, {
      type: "SUBMISSION",
      job_id: null,
      submission_id: job.submissionId,
      driver_info: null,
      status: job.status,
      entrypoint: job.entrypoint,
      message: job.message,
      error_type: null,
      start_time: 0,
      end_time: TERMINAL.includes(job.status) ? 1 : null,
      metadata: job.metadata,
      runtime_env: job.runtimeEnv,
    });
  }
  if (request.method === "GET" && match[2] === "/logs") {
    return send(response, 200, { logs: job.logs });
  }
  if (request.method === "POST" && match[2] === "/stop") {
    job.stopRequests += 1;
    const stopped = !TERMINAL.includes(job.status);
    if (stopped) {
      job.status = "STOPPED";
      job.message = "Job was intentionally stopped.";
    }
    return send(response, 200, { stopped });
  }
  return send(response, 405, { detail: "Method not allowed" });
}

function submit(body: Record<string, unknown>, response: ServerResponse, jobs: Map<string, MockRayJob>) {
  if (typeof body.entrypoint !== "string" || body.entrypoint === "") {
    return sendText(response, 400, "entrypoint is required");
  }
  const submissionId = typeof body.submission_id === "string" ? body.submission_id : `raysubmit_${jobs.size + 1}`;
  if (jobs.has(submissionId)) {
    return sendText(response, 400, `Job with submission_id ${submissionId} already exists. Please use a different submission_id.`);
  }

  jobs.set(submissionId, {
    submissionId,
    entrypoint: body.entrypoint,
    runtimeEnv: (body.runtime_env as Record<string, unknown>) ?? {},
    metadata: (body.metadata as Record<string, string>) ?? {},
    entrypointNumGpus: typeof body.entrypoint_num_gpus === "number" ? body.entrypoint_num_gpus : null,
    status: "PENDING",
    message: "Job has not started yet.",
    logs: "",
    stopRequests: 0,
  });
  return send(response, 200, { job_id: submissionId, submission_id: submissionId });
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string) {
  response.writeHead(status, { "content-type": "text/plain" });
  response.end(text);
}
