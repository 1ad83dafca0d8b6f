import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** Outcome a Server Action form shows after a submission. `saved` marks a successful one. */
export type FormState = { saved?: boolean; message?: string; fieldErrors?: Record<string, string[] | undefined> };

/**
 * Turn an error thrown by a lib function into form state. An AppError keeps its message and
 * field errors. Anything else is logged with `context` and shown as a generic failure.
 */
export function toFormState(error: unknown, context: Record<string, unknown>): FormState {
  if (error instanceof AppError) {
    const details = error.details as { fieldErrors?: FormState["fieldErrors"] } | undefined;
    return { message: error.message, fieldErrors: details?.fieldErrors };
  }

  logger.error({ err: error, ...context }, "unexpected error in server action");
  return { message: "Something went wrong on the server. Try again; if it persists, contact the study team." };
}
