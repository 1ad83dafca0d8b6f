import { AppError } from "@/lib/errors";

/** Build the FORBIDDEN error of a judging call by a user who is not a crowdworker or whose account is disabled. */
export function buildNotCrowdworkerError(): AppError {
  return new AppError(
    "FORBIDDEN",
    "Only crowdworkers with an active account can judge items. Crowdworkers: open the study again from the recruiting platform.",
  );
}
