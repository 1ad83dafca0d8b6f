import { cache } from "react";

import { auth } from "@/lib/auth/auth";
import { db } from "@/lib/db/prisma";

/**
 * Return the signed-in user, reloaded from the database once per request so that a role
 * change or a disabled account applies on the next request. Returns null when signed out.
 */
export const getCurrentUser = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) {
    return null;
  }

  const user = await db.user.findUnique({ where: { id: session.user.id } });
  if (!user || user.disabledAt) {
    return null;
  }
  return user;
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;
