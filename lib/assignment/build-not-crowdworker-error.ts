import { AppError } from "@/lib/errors";

/** Build the FORBIDDEN error of a judging call by a user who is not a crowdworker or whose account is disabled. */
export function buildNotCrowdworkerError(userId: string): AppError {
  return new AppError(
    "FORBIDDEN",
    `User ${userId} cannot judge: only crowdworkers with an active account can. Open the study link you were given, or ask the researcher.`,
  );
}
