import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { buildEmbeddedDatabaseUrl, readEmbeddedDatabasePort } from "@/lib/db/embedded-database-url";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const PORT = 54391;
const dataDirectory = mkdtempSync(path.join(tmpdir(), "ladle-embedded-"));

afterAll(() => {
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function queryOnce(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function startHolderAndKillIt(): Promise<void> {
  return new Promise((resolve, reject) => {
    // Node itself, not npx, so that SIGKILL reaches the process that started PostgreSQL.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/hold-embedded-postgres.ts", dataDirectory, String(PORT)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) {
        child.kill("SIGKILL");
      }
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`holder exited without being killed (${signal})`))));
  });
}

describe("startEmbeddedPostgres", () => {
  it("reuses a server left running by a killed parent", async () => {
    await startHolderAndKillIt();

    const database = await startEmbeddedPostgres({ dataDirectory, port: PORT });
    await queryOnce(database.url, "create table survivor (id int)");
    const tables = await queryOnce(database.url, "select to_regclass('survivor') as name");

    expect(tables.rows[0].name).toBe("survivor");
  }, 60_000);

  it("keeps a running server on another port", async () => {
    const database = await startEmbeddedPostgres({ dataDirectory, port: PORT });

    const attempt = startEmbeddedPostgres({ dataDirectory, port: PORT + 1 });

    await expect(attempt).rejects.toThrow(`already runs on port ${PORT}`);
    await expect(attempt).rejects.toThrow(`EMBEDDED_POSTGRES_PORT=${PORT}`);
    expect((await queryOnce(database.url, "select 1 as alive")).rows[0].alive).toBe(1);
  }, 60_000);

  it("removes a stale lock and keeps the data across restarts", async () => {
    const lockFile = path.join(dataDirectory, "postmaster.pid");
    const leftoverPid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
    process.kill(leftoverPid, "SIGTERM");
    await waitUntilGone(leftoverPid);
    writeFileSync(lockFile, "999999\n");

    const database = await startEmbeddedPostgres({ dataDirectory, port: PORT });
    const tables = await queryOnce(database.url, "select to_regclass('survivor') as name");
    await database.stop();

    expect(tables.rows[0].name).toBe("survivor");
  }, 60_000);
});

async function waitUntilGone(pid: number) {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("readEmbeddedDatabasePort", () => {
  it("uses 54329 when unset or empty", () => {
    expect(readEmbeddedDatabasePort({})).toBe(54329);
    expect(readEmbeddedDatabasePort({ EMBEDDED_POSTGRES_PORT: "" })).toBe(54329);
  });

  it("reads EMBEDDED_POSTGRES_PORT", () => {
    expect(readEmbeddedDatabasePort({ EMBEDDED_POSTGRES_PORT: "55432" })).toBe(55432);
    expect(buildEmbeddedDatabaseUrl(55432)).toBe("postgresql://postgres:postgres@127.0.0.1:55432/ladle");
  });

  it("rejects an invalid port", () => {
    for (const value of ["abc", "80", "70000", "5432.5"]) {
      expect(() => readEmbeddedDatabasePort({ EMBEDDED_POSTGRES_PORT: value })).toThrow(`Invalid EMBEDDED_POSTGRES_PORT="${value}"`);
    }
  });
});

