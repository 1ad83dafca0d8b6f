import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/** The user a lib function acts for: the session's user in the app, a stored researcher in scripts. */
export type Actor = { id: string; role: Role };

/**
 * Check that `actor` may manage studies and preferences. Throws UNAUTHENTICATED for a
 * missing actor and FORBIDDEN for crowdworkers. Admins pass, as with requireRole.
 */
export function assertResearcher(actor: Actor | null | undefined): Actor {
  if (!actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in as a researcher to continue.");
  }

  if (actor.role !== "RESEARCHER" && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", `Managing studies needs the researcher role; you are signed in as ${actor.role.toLowerCase()}.`);
  }
  return actor;
}
