/**
 * Runs every test: unit and integration tests with Vitest, then a production build and the
 * Playwright suite against `next start`. Each run gets a fresh database on DATABASE_URL's
 * server (or on the embedded PostgreSQL when DATABASE_URL is unset), dropped at the end.
 */
import { spawnSync } from "node:child_process";

import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getPrisma } from "@/lib/db/prisma";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

async function main() {
  const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  const database = await createScratchDatabase(process.env.DATABASE_URL ?? server!.url, "ladle_test");
  process.env.DATABASE_URL = database.url;
  await prepareDatabase();
  await getPrisma().$disconnect();
  const env = { ...process.env, LADLE_TEST_DATABASE_URL: database.url, CHECKPOINT_DISABLE: "1" };

  let status = 0;
  try {
    status = run("npx", ["vitest", "run"], env);
    if (status === 0) {
      status = run("npx", ["next", "build"], env);
    }
    if (status === 0) {
      status = run("npx", ["playwright", "test"], env);
    }
  } finally {
    await database.drop();
    await server?.stop();
  }
  process.exit(status);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
