import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/** The user an import runs for: the session's user in the app, a stored admin in scripts. */
export type ImportActor = { id: string; role: Role };

/**
 * Check that `actor` may import prompt sets and model outputs. Throws UNAUTHENTICATED for a
 * missing actor and FORBIDDEN for researchers and crowdworkers.
 */
export function assertAdmin(actor: ImportActor | null | undefined): ImportActor {
  if (!actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in as an admin to import files.");
  }

  if (actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `Importing files needs the admin role; you are signed in as ${actor.role.toLowerCase()}.`);
  }
  return actor;
}
