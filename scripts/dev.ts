/**
 * Starts Ladle for development: the database (embedded PostgreSQL when DATABASE_URL is
 * unset), pending migrations, the demo seed on an empty database, then `next dev` and the
 * background worker.
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
  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: ensureAuthSecret(), AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" };
  const children = [
    spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "--port", String(port), "--hostname", hostname], { stdio: "inherit", env }),
    spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], { stdio: "inherit", env }),
  ];

  printWelcome(seeded.studyId);

  let stopping = false;
  const shutDown = async (code: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    for (const child of children) {
      child.kill("SIGTERM");
    }
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null)));
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutDown(0));
  process.on("SIGTERM", () => void shutDown(0));
  for (const child of children) {
    child.on("exit", (code) => void shutDown(code ?? 0));
  }
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
    lines.push("", `Demo study link for crowdworkers: ${url}/study/${studyId}?PROLIFIC_PID=demo-participant-1&STUDY_ID=demo-prolific-study&SESSION_ID=demo-session-1`);
  }
  console.log(lines.join("\n") + "\n");
}

main().catch((error) => {
  logger.error({ err: error }, "failed to start Ladle");
  process.exit(1);
});
