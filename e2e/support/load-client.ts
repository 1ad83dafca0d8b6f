import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";

/**
 * A simulated crowdworker for load and fault tests: plain fetch with a cookie jar, no browser.
 * It signs in the way the study page does (Auth.js's "participant" credentials provider), then
 * loops GET /api/studies/[studyId]/next-item and POST /api/assignments/[id]/judgments.
 */

export type LoadCall = "next-item" | "submit";

/** One HTTP call: its latency in milliseconds and its status, 0 when no response arrived. */
export type CallSample = { call: LoadCall; milliseconds: number; status: number };

export type SignInOptions = {
  /** Origin of the app, such as http://localhost:3200. */
  baseUrl: string;
  studyId: string;
  prolificPid: string;
  prolificStudyId?: string;
  prolificSessionId?: string;
};

export type RunOptions = {
  /** Checked before each GET next-item; the loop ends once it returns true. */
  shouldStop: () => boolean;
  /**
   * Epoch milliseconds until which a call that got no response or a 5xx is repeated, with the
   * same request id for a submission. Without it, a failed call is recorded and the loop goes on.
   */
  retryUntil?: number;
  /** Milliseconds between retries of a failed call. */
  retryDelayMs?: number;
  /**
   * Mean milliseconds a crowdworker spends reading an item before submitting it, drawn
   * uniformly from half to one and a half times this value. 0 submits at once.
   */
  thinkMs?: number;
};

type Criterion = { criterionSideId: string };
type NextItemBody = { done: false; assignment: { assignmentId: string; criteria: Criterion[] } } | { done: true };

const CHOICES = ["A", "TIE", "B"] as const;

export class LoadClient {
  /** Every call made, in order. */
  readonly samples: CallSample[] = [];
  /** Assignment ids whose submission returned HTTP 200. */
  readonly acknowledged: string[] = [];

  private readonly cookies = new Map<string, string>();

  private constructor(
    private readonly baseUrl: string,
    private readonly studyId: string,
  ) {}

  /** Sign a crowdworker into a study through Auth.js and return a client holding their session cookie. */
  static async signIn(options: SignInOptions): Promise<LoadClient> {
    const client = new LoadClient(options.baseUrl, options.studyId);

    const csrf = await client.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };

    // Auth.js turns absent fields into the string "undefined", so absent ones are sent empty.
    const form = new URLSearchParams({
      csrfToken,
      studyId: options.studyId,
      prolificPid: options.prolificPid,
      prolificStudyId: options.prolificStudyId ?? "",
      prolificSessionId: options.prolificSessionId ?? "",
      callbackUrl: `${options.baseUrl}/study/${encodeURIComponent(options.studyId)}/instructions`,
    });
    const callback = await client.fetch("/api/auth/callback/participant", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    await callback.arrayBuffer();

    if (![...client.cookies.keys()].some((name) => name.includes("authjs.session-token"))) {
      throw new Error(
        `Sign-in of participant ${options.prolificPid} into study ${options.studyId} failed: HTTP ${callback.status}, ` +
          `redirect to ${callback.headers.get("location")}. Check that the study is open and AUTH_SECRET is set.`,
      );
    }
    return client;
  }

  /** Judge items until `shouldStop` returns true or the study has nothing left for this crowdworker. */
  async run(options: RunOptions): Promise<void> {
    while (!options.shouldStop()) {
      const next = await this.callWithRetry(options, () => this.timedCall("next-item", `/api/studies/${encodeURIComponent(this.studyId)}/next-item`));
      if (!next?.ok) {
        continue;
      }

      const body = (await next.json()) as NextItemBody;
      if (body.done) {
        return;
      }

      const { assignmentId, criteria } = body.assignment;
      await pauseToRead(options.thinkMs ?? 0);
      const request = {
        requestId: randomUUID(),
        answers: criteria.map(({ criterionSideId }) => ({ criterionSideId, choice: CHOICES[Math.floor(Math.random() * CHOICES.length)] })),
      };
      const submitted = await this.callWithRetry(options, () =>
        this.timedCall("submit", `/api/assignments/${encodeURIComponent(assignmentId)}/judgments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(request),
        }),
      );
      if (submitted?.ok) {
        this.acknowledged.push(assignmentId);
      }
    }
  }

  /** Repeat a call that got no response or a 5xx until `retryUntil`; returns null when none arrived. */
  private async callWithRetry(options: RunOptions, call: () => Promise<Response | null>): Promise<Response | null> {
    for (;;) {
      const response = await call();
      const failed = response === null || response.status >= 500;
      if (!failed || options.retryUntil === undefined || Date.now() >= options.retryUntil) {
        return response;
      }
      await response?.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 200));
    }
  }

  /** Make one call, reading the whole body before stopping the clock. Returns null when no response arrived. */
  private async timedCall(call: LoadCall, path: string, init: RequestInit = {}): Promise<Response | null> {
    const started = performance.now();
    try {
      const response = await this.fetch(path, init);
      const body = await response.arrayBuffer();
      this.samples.push({ call, milliseconds: performance.now() - started, status: response.status });
      return new Response(body, { status: response.status, headers: response.headers });
    } catch {
      this.samples.push({ call, milliseconds: performance.now() - started, status: 0 });
      return null;
    }
  }

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    }

    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: "manual" });
    this.storeCookies(response.headers.getSetCookie());
    return response;
  }

  private storeCookies(setCookieHeaders: string[]): void {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));

      if (value === "" || expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
}

export type AppServer = {
  port: number;
  /** Ends the server's whole process group with SIGKILL, as a crash would, and waits for it to exit. */
  kill: () => Promise<void>;
  /** Ends the server's whole process group with SIGTERM and waits for it to exit. */
  stop: () => Promise<void>;
};

/**
 * Start `next start` on 127.0.0.1:`port` from the production build in the current directory,
 * in a process group of its own so that a kill leaves no next-server child holding the port.
 * Resolves once /login returns 200.
 */
export async function startAppServer(options: { port: number; env: Record<string, string> }): Promise<AppServer> {
  const nextCli = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextCli, "start", "--port", String(options.port), "--hostname", "127.0.0.1"], {
    detached: true,
    env: { ...process.env, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errorOutput = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errorOutput = (errorOutput + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const endGroup = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, signal);
    }
    await exited;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`next start on port ${options.port} exited with code ${child.exitCode}. Run \`npm run build\` first. Output:\n${errorOutput}`);
    }
    const ready = await fetch(`http://localhost:${options.port}/login`, { redirect: "manual" }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) {
      break;
    }
    if (Date.now() > deadline) {
      await endGroup("SIGKILL");
      throw new Error(`next start on port ${options.port} did not serve /login within 60 s. Output:\n${errorOutput}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return { port: options.port, kill: () => endGroup("SIGKILL"), stop: () => endGroup("SIGTERM") };
}

/** Waits a uniformly drawn 0.5 to 1.5 times `meanMs`, like a crowdworker reading an item. */
export function pauseToRead(meanMs: number): Promise<void> {
  if (meanMs <= 0) {
    return Promise.resolve();
  }
  return new Promise((resolve) => setTimeout(resolve, meanMs * (0.5 + Math.random())));
}
