import { PgBoss } from "pg-boss";

import { logger } from "@/lib/logger";

const globalForBoss = globalThis as unknown as { jobBoss?: Promise<PgBoss> };

/**
 * Return the process's pg-boss instance on DATABASE_URL, started on first use. The web app
 * uses it to send jobs and the worker to serve them. pg-boss keeps its tables in the
 * `pgboss` schema of the same database.
 */
export function getJobBoss(): Promise<PgBoss> {
  globalForBoss.jobBoss ??= startJobBoss();
  return globalForBoss.jobBoss;
}

async function startJobBoss(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev`, which sets it, or export it.");
  }

  const boss = new PgBoss({ connectionString, max: Number(process.env.JOB_POOL_SIZE ?? 4) });
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));

  try {
    await boss.start();
  } catch (error) {
    globalForBoss.jobBoss = undefined;
    throw error;
  }
  return boss;
}
