import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const SECRET_FILE = path.join(process.cwd(), ".ladle", "auth-secret");

/**
 * Return AUTH_SECRET from the environment, or else a random secret kept in .ladle/auth-secret
 * so that sessions survive restarts of a development server.
 */
export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) {
    return process.env.AUTH_SECRET;
  }

  if (!existsSync(SECRET_FILE)) {
    mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
    writeFileSync(SECRET_FILE, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(SECRET_FILE, "utf8").trim();
}
