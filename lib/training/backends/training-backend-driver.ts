import type { TrainingBackend, TrainingJob } from "@/lib/generated/prisma/client";

export type JobWithBackend = TrainingJob & { backend: TrainingBackend };

/** Operations every backend kind implements. Each method acts on the job's current attempt. */
export interface TrainingBackendDriver {
  /**
   * Hand a QUEUED attempt to the backend and record it as SUBMITTED or RUNNING. A COMMAND
   * attempt runs to its end before this returns. Throws when the backend rejects the attempt.
   */
  start(job: JobWithBackend): Promise<void>;
  /** Fetch a submitted attempt's status and output; returns true while the worker should poll again. */
  poll(job: JobWithBackend): Promise<boolean>;
  /** Ask the backend to stop a CANCELLING attempt. */
  cancel(job: JobWithBackend): Promise<void>;
}

/** A failure of the backend or of the job, with a message fit to show on the job page. */
export class TrainingBackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingBackendError";
  }
}

/** Describe a caught error in one line, including the cause that fetch keeps out of its message. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }

  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
