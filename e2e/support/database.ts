import { randomBytes } from "node:crypto";

import { hash } from "@node-rs/argon2";
import pg from "pg";

/** A pg pool on the database the app under test uses, for setting up users and checking results. */
export function connectToAppDatabase(): pg.Pool {
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set; run the browser tests through `npm test`.");
  }
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
}

/** A name unique to this test run, so tests never collide with data another test made. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
}

export type StaffAccount = { email: string; password: string };

export async function createStaffAccount(pool: pg.Pool, role: "ADMIN" | "RESEARCHER"): Promise<StaffAccount> {
  const email = `${uniqueName(role.toLowerCase())}@e2e.test`;
  const password = randomBytes(12).toString("base64url");

  await pool.query(
    `insert into "User" (id, role, email, "passwordHash", name) values ($1, $2::"Role", $3, $4, $5)`,
    [uniqueName("user"), role, email, await hash(password), `E2E ${role.toLowerCase()}`],
  );
  return { email, password };
}
