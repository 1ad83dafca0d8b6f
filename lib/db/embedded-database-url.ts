/** Port of the embedded PostgreSQL when EMBEDDED_POSTGRES_PORT is unset. */
const DEFAULT_EMBEDDED_DATABASE_PORT = 54329;

/** Read the embedded PostgreSQL's port from EMBEDDED_POSTGRES_PORT, or use 54329. */
export function readEmbeddedDatabasePort(env: Record<string, string | undefined> = process.env): number {
  const value = env.EMBEDDED_POSTGRES_PORT;
  if (value === undefined || value === "") {
    return DEFAULT_EMBEDDED_DATABASE_PORT;
  }

  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`Invalid EMBEDDED_POSTGRES_PORT="${value}": use a whole port number from 1024 to 65535, or unset it for ${DEFAULT_EMBEDDED_DATABASE_PORT}.`);
  }
  return port;
}

/** Build the connection string of the embedded PostgreSQL that starts when DATABASE_URL is unset. */
export function buildEmbeddedDatabaseUrl(port: number = readEmbeddedDatabasePort()): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/ladle`;
}
