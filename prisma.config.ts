import "dotenv/config";

import { randomUUID } from "node:crypto";

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

import { buildEmbeddedDatabaseUrl } from "./lib/db/embedded-database-url";

// The Prisma 6 CLI would otherwise download a native schema engine, which these machines
// cannot reach. The JavaScript schema engine talks to PostgreSQL through the pg adapter.
process.env.CHECKPOINT_DISABLE ??= "1";

const databaseUrl = process.env.DATABASE_URL ?? buildEmbeddedDatabaseUrl();
process.env.DATABASE_URL = databaseUrl;

const NAME_TYPE_OID = 19;
const CHAR_TYPE_OID = 18;
const TEXT_TYPE_OID = 25;

/**
 * A pg client that reports the catalog types `name` and `"char"` as text. The schema engine
 * reads them from pg_catalog, and @prisma/adapter-pg 6.19 has no mapping for either
 * (prisma/prisma issue 27403), so `migrate deploy` would fail on a fresh database.
 */
class CatalogTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: Error | null, result?: pg.QueryResult) =>
        callback(error, result && reportCatalogTypesAsText(result));
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pending = (super.query as any)(...args);
    return pending instanceof Promise ? pending.then(reportCatalogTypesAsText) : pending;
  }
}

function reportCatalogTypesAsText(result: pg.QueryResult): pg.QueryResult {
  for (const field of result.fields ?? []) {
    if (field.dataTypeID === NAME_TYPE_OID || field.dataTypeID === CHAR_TYPE_OID) {
      field.dataTypeID = TEXT_TYPE_OID;
    }
  }
  return result;
}

/**
 * Make a connected adapter run a migration script as one simple-protocol query, which PostgreSQL
 * runs statement by statement in one implicit transaction. @prisma/adapter-pg 6.19 splits
 * scripts at every ";", which breaks PL/pgSQL function bodies.
 */
function runScriptsWhole<T extends { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool }>(adapter: T): T {
  const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      reportError(error);
    }
  };
  return adapter;
}

/**
 * The pg adapter, with a shadow database (used by `migrate diff --from-migrations` and
 * `migrate dev`) that is dropped WITH (FORCE) once the schema engine has let go of it.
 * Prisma 6.19's own adapter drops it while its pool still holds a connection, and fails.
 */
class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly connectionConfig: pg.PoolConfig) {
    super(connectionConfig);
  }

  async connect() {
    return runScriptsWhole(await super.connect());
  }

  async connectToShadowDb() {
    const shadowDatabase = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runOnServer(this.connectionConfig, `create database "${shadowDatabase}"`);

    const adapter = runScriptsWhole(await new PrismaPg({ ...this.connectionConfig, database: shadowDatabase }).connect());
    const releasePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await releasePool();
      await runOnServer(this.connectionConfig, `drop database if exists "${shadowDatabase}" with (force)`);
    };
    return adapter;
  }
}

async function runOnServer(connectionConfig: pg.PoolConfig, sql: string) {
  const client = new pg.Client({ ...connectionConfig, database: "postgres" });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  async adapter() {
    // Discrete fields rather than a connection string: the adapter creates its shadow
    // database by overriding `database`, which a connection string would take precedence over.
    const url = new URL(databaseUrl);
    return new MigrationPrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      Client: CatalogTextClient,
    });
  },
});
