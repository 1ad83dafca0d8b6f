import { headers } from "next/headers";
import { cache } from "react";

import { readSessionUserId } from "@/lib/auth/read-session-user-id";
import { getPool } from "@/lib/db/pool";
import type { User } from "@/lib/generated/prisma/client";

/**
 * Return the signed-in user, reloaded from the database once per request so that a role
 * change or a disabled account applies on the next request. Returns null when signed out.
 * The reload is one primary-key query straight through pg, because Prisma's query compilation
 * cost more CPU than the query itself. The judging API skips it: its SQL checks the user.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const userId = await readSessionUserId(await headers());
  if (!userId) {
    return null;
  }

  const { rows } = await getPool().query<User>(
    `SELECT id, role, email, "passwordHash", name, "participantId", pseudonym,
       "disabledAt" AT TIME ZONE 'UTC' AS "disabledAt", "createdAt" AT TIME ZONE 'UTC' AS "createdAt"
     FROM "User" WHERE id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user || user.disabledAt) {
    return null;
  }
  return user;
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;
