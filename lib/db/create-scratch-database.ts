import { randomBytes } from "node:crypto";

import pg from "pg";

import { applyMigrations } from "@/lib/db/apply-migrations";

type ScratchDatabase = { url: string; drop: () => Promise<void> };

/**
 * Create a new, migrated database on the server of `serverUrl`, named with `prefix` and a
 * random suffix, for one test or benchmark run. `drop` removes it, ending open connections.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const adminUrl = withDatabase(serverUrl, "postgres");

  await runAdminQuery(adminUrl, `create database "${name}"`);
  const url = withDatabase(serverUrl, name);
  await applyMigrations(url);

  return {
    url,
    drop: () => runAdminQuery(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runAdminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
