/**
 * Applies pending migrations and the default preferences to DATABASE_URL, or to the
 * embedded PostgreSQL when it is unset.
 */
import { getPrisma } from "@/lib/db/prisma";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

async function main() {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  process.env.DATABASE_URL ??= embedded!.url;

  await prepareDatabase();
  await getPrisma().$disconnect();
  await embedded?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
