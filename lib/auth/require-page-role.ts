import { redirect } from "next/navigation";

import { hasRole } from "@/lib/auth/assert-role";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/get-current-user";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Page-level form of requireRole: sends a signed-out visitor to the sign-in page and a
 * signed-in user without the role to /forbidden. Admins pass every researcher check.
 */
export async function requirePageRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    redirect("/login");
  }

  if (!hasRole(user.role, roles)) {
    redirect("/forbidden");
  }
  return user;
}
