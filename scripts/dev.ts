/**
 * Starts Ladle for development: the database (embedded PostgreSQL when DATABASE_URL is
 * unset), pending migrations, the demo seed on an empty database, then `next dev`.
 */
import { spawn } from "node:child_process";

import { prepareDatabase } from "@/lib/db/prepare-database";
import { ensureAuthSecret } from "@/lib/db/ensure-auth-secret";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { logger } from "@/lib/logger";
import { DEMO_ACCOUNTS, seedDemo } from "@/prisma/seed-demo";

const port = Number(process.env.PORT ?? 3000);

async function main() {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  const databaseUrl = process.env.DATABASE_URL ?? embedded!.url;
  process.env.DATABASE_URL = databaseUrl;

  await prepareDatabase();
  const seeded = await seedDemo();

  // Loopback only by default: the demo accounts have published passwords.
  const hostname = process.env.HOST ?? "127.0.0.1";
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", String(port), "--hostname", hostname], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: ensureAuthSecret(),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });

  printWelcome(seeded.studyId);

  const shutDown = async () => {
    child.kill("SIGTERM");
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutDown);
  process.on("SIGTERM", shutDown);
  child.on("exit", async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

function printWelcome(studyId: string | null) {
  const url = `http://localhost:${port}`;
  const lines = [
    "",
    `Ladle is starting at ${url}`,
    "",
    "Demo accounts (sign in at /login):",
    ...DEMO_ACCOUNTS.map((account) => `  ${account.role.toLowerCase().padEnd(10)} ${account.email}  password: ${account.password}`),
  ];
  if (studyId) {
    lines.push("", `Demo study link for crowdworkers: ${url}/study/${studyId}?PROLIFIC_PID=demo-participant-1`);
  }
  console.log(lines.join("\n") + "\n");
}

main().catch((error) => {
  logger.error({ err: error }, "failed to start Ladle");
  process.exit(1);
});
