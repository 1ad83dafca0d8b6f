import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/** The user a lib function acts for: the session's user in the app, a stored user in scripts. */
export type Actor = { id: string; role: Role };

/** Whether `role` is one of `allowed`. Admins pass every researcher check. */
export function hasRole(role: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(role) || (role === "ADMIN" && allowed.includes("RESEARCHER"));
}

/**
 * Return `actor` when their role is one of `roles`. Throws UNAUTHENTICATED for a missing
 * actor and FORBIDDEN for any other role.
 */
export function assertRole<T extends Actor>(actor: T | null | undefined, ...roles: Role[]): T {
  if (!actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  }

  if (!hasRole(actor.role, roles)) {
    const needed = roles.map((role) => role.toLowerCase()).join(" or ");
    throw new AppError("FORBIDDEN", `This action needs the ${needed} role; you are signed in as ${actor.role.toLowerCase()}.`);
  }
  return actor;
}
