import { applyMigrations } from "@/lib/db/apply-migrations";
import { seedPreferences } from "@/lib/preferences/seed-preferences";

/**
 * Apply pending migrations to DATABASE_URL and insert the default preference dimensions,
 * sides and combinations that are missing, so that a new database is ready for studies.
 */
export async function prepareDatabase(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error("DATABASE_URL is not set; point it at the database to prepare.");
  }

  await applyMigrations(databaseUrl);
  await seedPreferences();
}
