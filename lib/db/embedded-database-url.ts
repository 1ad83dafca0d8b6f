export const EMBEDDED_DATABASE_PORT = 54329;

/** Connection string of the embedded PostgreSQL that starts when DATABASE_URL is unset. */
export const EMBEDDED_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_DATABASE_PORT}/ladle`;
