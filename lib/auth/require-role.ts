import { getCurrentUser, type CurrentUser } from "@/lib/auth/get-current-user";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Return the signed-in user when their role is one of `roles`. Throws UNAUTHENTICATED when
 * nobody is signed in and FORBIDDEN for any other role. Admins pass every researcher check.
 */
export async function requireRole(...roles: Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  }

  const allowed = roles.includes(user.role) || (user.role === "ADMIN" && roles.includes("RESEARCHER"));
  if (!allowed) {
    throw new AppError("FORBIDDEN", `This action needs the ${roles.join(" or ").toLowerCase()} role; you are signed in as ${user.role.toLowerCase()}.`);
  }
  return user;
}
