import { headers } from "next/headers";

import { readSessionUserId } from "@/lib/auth/read-session-user-id";
import { AppError } from "@/lib/errors";

/**
 * Return the signed-in user's id from the session alone, without reading the user row. Only
 * for calls whose SQL checks the user's role and account itself, as the claim and submit
 * functions do. Throws UNAUTHENTICATED without a valid session.
 */
export async function requireSessionUserId(): Promise<string> {
  const userId = await readSessionUserId(await headers());
  if (!userId) {
    throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  }
  return userId;
}
