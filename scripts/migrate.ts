/** Applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL when it is unset. */
import { applyMigrations } from "@/lib/db/apply-migrations";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

async function main() {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  await applyMigrations(process.env.DATABASE_URL ?? embedded!.url);
  await embedded?.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
