import { PgBoss } from "pg-boss";

import { logger } from "@/lib/logger";

/** PostgreSQL's error code for a connection ended because the server is shutting down. */
const ADMIN_SHUTDOWN = "57P01";

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

  // pg-boss fails a job whose heartbeat stopped only on a supervise pass of its queue, which
  // runs every 60 s by default. Passes every 5 s let another worker resume a crashed job sooner.
  const boss = new PgBoss({
    connectionString,
    max: Number(process.env.JOB_POOL_SIZE ?? 4),
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
  });
  boss.on("error", (error) => {
    // Ctrl-C under `npm run dev` stops the embedded PostgreSQL together with this process,
    // so its connections end with admin_shutdown (57P01) before pg-boss has stopped.
    if ((error as { code?: string }).code === ADMIN_SHUTDOWN) {
      logger.warn({ code: ADMIN_SHUTDOWN }, "job queue connection ended because the database server shut down");
      return;
    }
    logger.error({ err: error }, "job queue error");
  });

  try {
    await boss.start();
  } catch (error) {
    globalForBoss.jobBoss = undefined;
    throw error;
  }
  return boss;
}
