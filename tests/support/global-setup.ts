import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getPrisma } from "@/lib/db/prisma";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

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

  const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  const database = await createScratchDatabase(process.env.DATABASE_URL ?? server!.url, "ladle_test");
  process.env.DATABASE_URL = database.url;
  await prepareDatabase();
  await getPrisma().$disconnect();

  return async () => {
    await database.drop();
    await server?.stop();
  };
}
