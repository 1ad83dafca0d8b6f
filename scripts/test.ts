/**
 * Runs every test: unit and integration tests with Vitest, then a production build and the
 * Playwright suite against `next start`. Each suite gets its own fresh database on
 * DATABASE_URL's server (or on the embedded PostgreSQL when DATABASE_URL is unset), so data
 * the integration tests leave behind cannot change what the browser tests see. Both are
 * dropped at the end.
 */
import { spawnSync } from "node:child_process";

import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

async function main() {
  const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  const serverUrl = process.env.DATABASE_URL ?? server!.url;
  const unitDatabase = await createScratchDatabase(serverUrl, "ladle_test");
  const browserDatabase = await createScratchDatabase(serverUrl, "ladle_e2e");

  let status = 1;
  try {
    status = run("npx", ["tsx", "scripts/migrate.ts"], unitDatabase.url) || run("npx", ["tsx", "scripts/migrate.ts"], browserDatabase.url);
    if (status === 0) {
      status = run("npx", ["vitest", "run"], unitDatabase.url);
    }
    if (status === 0) {
      status = run("npx", ["next", "build"], browserDatabase.url);
    }
    if (status === 0) {
      status = run("npx", ["playwright", "test"], browserDatabase.url);
    }
  } finally {
    await unitDatabase.drop();
    await browserDatabase.drop();
    await server?.stop();
  }
  process.exit(status);
}

function run(command: string, args: string[], databaseUrl: string): number {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const env = { ...process.env, DATABASE_URL: databaseUrl, LADLE_TEST_DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
