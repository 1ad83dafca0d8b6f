import { NextResponse } from "next/server";
import { ZodError } from "zod";

import { logger } from "@/lib/logger";

const STATUS_BY_CODE = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STUDY_NOT_OPEN: 409,
} as const;

export type AppErrorCode = keyof typeof STATUS_BY_CODE;

/** An expected failure whose message is safe to show to the user who caused it. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: unknown;

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

/** Describes zod issues as "field: message" lines, naming the path of each invalid value. */
export function formatZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/**
 * Map an error thrown inside a route handler to a JSON response. Unexpected errors are logged
 * once with the given context and answered with a generic 500, never their own message.
 */
export function toErrorResponse(error: unknown, context: Record<string, unknown> = {}): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status },
    );
  }

  if (error instanceof ZodError) {
    return NextResponse.json(
      { error: { code: "INVALID_INPUT", message: formatZodError(error) } },
      { status: 400 },
    );
  }

  logger.error({ err: error, ...context }, "unexpected error in route handler");
  return NextResponse.json(
    { error: { code: "INTERNAL", message: "Something went wrong on the server. Try again; if it persists, contact the study team." } },
    { status: 500 },
  );
}
