import pg from "pg";

import { logger } from "@/lib/logger";

/** Milliseconds a query waits for a free connection before it fails. */
const CONNECTION_TIMEOUT_MS = 10_000;

const globalForPool = globalThis as unknown as { pgPool?: pg.Pool };

/**
 * Return the process's one pg connection pool, shared by the Prisma client and the direct calls
 * of the claim and submit functions. It opens at most DATABASE_POOL_SIZE connections (default 10)
 * and is created on first use, so that `next build` runs without DATABASE_URL. Idle connections
 * do not keep a script's process alive.
 */
export function getPool(): pg.Pool {
  if (globalForPool.pgPool) {
    return globalForPool.pgPool;
  }

  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run dev`, which sets it, or export it.");
  }

  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got "${process.env.DATABASE_POOL_SIZE}".`);
  }

  const pool = new pg.Pool({ connectionString, max: size, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS, allowExitOnIdle: true });
  // An idle connection that the server ends (a restart, a dropped database) would otherwise
  // crash the process with an unhandled 'error' event. The pool replaces it on the next query.
  // pg attaches the whole client to the error, so only its message and code are logged.
  pool.on("error", (error: Error & { code?: string }) =>
    logger.warn({ err: { message: error.message, code: error.code } }, "idle database connection closed by the server"),
  );
  globalForPool.pgPool = pool;
  return pool;
}
