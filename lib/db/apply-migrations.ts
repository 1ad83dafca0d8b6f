import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

import pg from "pg";

import { logger } from "@/lib/logger";

const MIGRATIONS_DIRECTORY = path.join(process.cwd(), "prisma", "migrations");
const SUCCESS_LINE = /All migrations have been successfully applied|No pending migrations to apply/;

/**
 * Apply pending Prisma migrations to the database at `databaseUrl`. `prisma migrate deploy`
 * lingers 10-60 s after it succeeds (Prisma 6.19 with the JavaScript schema engine), so it is
 * skipped when nothing is pending and otherwise ended once it prints its success line.
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  const pending = await listPendingMigrations(databaseUrl);
  if (pending.length === 0) {
    return;
  }

  logger.info({ pending }, "applying database migrations");
  await runMigrateDeploy(databaseUrl);
}

async function listPendingMigrations(databaseUrl: string): Promise<string[]> {
  const known = readdirSync(MIGRATIONS_DIRECTORY, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("select to_regclass('public._prisma_migrations') as name");
    if (table.rows[0].name === null) {
      return known;
    }

    const applied = await client.query<{ migration_name: string }>(
      "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null",
    );
    const appliedNames = new Set(applied.rows.map((row) => row.migration_name));
    return known.filter((name) => !appliedNames.has(name));
  } finally {
    await client.end();
  }
}

function runMigrateDeploy(databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const prismaCli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
    const child = spawn(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });

    let output = "";
    let succeeded = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && SUCCESS_LINE.test(output)) {
        succeeded = true;
        child.kill("SIGTERM");
        resolve();
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);

    child.on("error", reject);
    child.on("exit", (code) => {
      if (!succeeded) {
        reject(new Error(`prisma migrate deploy failed with exit code ${code}:\n${output}`));
      }
    });
  });
}
