import { assertRole } from "@/lib/auth/assert-role";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/get-current-user";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Return the signed-in user when their role is one of `roles`. Throws UNAUTHENTICATED when
 * nobody is signed in and FORBIDDEN for any other role. Admins pass every researcher check.
 */
export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  return assertRole(await getCurrentUser(), ...roles);
}
