import { z } from "zod";

import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { webhookSettingsSchema } from "@/lib/training/backend-settings";
import { finishTrainingAttempt } from "@/lib/training/finish-training-attempt";
import { keepLogTail } from "@/lib/training/keep-log-tail";
import { updateTrainingAttempt } from "@/lib/training/update-training-attempt";
import { readWebhookSecret, verifyWebhookSignature } from "@/lib/training/webhook-signature";

/** Body of a status callback from a webhook backend. */
export const trainingCallbackSchema = z.object({
  attempt: z.number().int().min(1),
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]),
  /** Output since the previous callback; appended to the stored logs. */
  logs: z.string().max(1_000_000).optional(),
  message: z.string().max(2000).optional(),
  exitCode: z.number().int().optional(),
  /** Checkpoint location; the attempt's output location when absent. */
  artifactUri: z.string().trim().min(1).max(2000).optional(),
  externalId: z.string().min(1).max(200).optional(),
});

const UNVERIFIABLE = "The callback cannot be verified; sign it with the secret of the job's webhook backend.";

/**
 * Verify and apply a signed status callback to a webhook job. Nothing changes unless the
 * signature and timestamp check out. Throws UNAUTHENTICATED for an unknown job, a job of
 * another backend kind, or a bad, missing or stale signature. Throws INVALID_INPUT for a
 * malformed body, and CONFLICT for an attempt that a retry replaced or that already ended.
 */
export async function applyTrainingCallback(options: { jobId: string; body: string; timestamp: string | null; signature: string | null }) {
  const job = await db.trainingJob.findUnique({ where: { id: options.jobId }, include: { backend: true } });
  if (!job || job.backend.kind !== "WEBHOOK") {
    throw new AppError("UNAUTHENTICATED", UNVERIFIABLE);
  }
  const settings = webhookSettingsSchema.parse(job.backend.settings);
  verifyWebhookSignature({ secret: readWebhookSecret(settings.secretEnv), body: options.body, timestamp: options.timestamp, signature: options.signature });

  let json: unknown;
  try {
    json = JSON.parse(options.body);
  } catch {
    throw new AppError("INVALID_INPUT", "The callback body is not valid JSON.");
  }
  const parsed = trainingCallbackSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", formatZodError(parsed.error));
  }
  const callback = parsed.data;
  if (callback.attempt !== job.attempt) {
    throw new AppError("CONFLICT", `Attempt ${callback.attempt} of job ${job.id} was replaced by attempt ${job.attempt}; the callback was ignored.`);
  }

  const logs = callback.logs === undefined ? undefined : keepLogTail(job.logs + callback.logs);
  const where = { jobId: job.id, attempt: job.attempt };
  const applied =
    callback.status === "RUNNING"
      ? await updateTrainingAttempt({
          ...where,
          from: ["SUBMITTED", "RUNNING", "CANCELLING"],
          data: { ...(job.status === "SUBMITTED" ? { status: "RUNNING", startedAt: new Date() } : {}), ...(logs === undefined ? {} : { logs }), ...(callback.externalId ? { externalId: callback.externalId } : {}) },
        })
      : await finishTrainingAttempt({ ...where, logs, outcome: describeOutcome(callback, job.outputUri) });
  if (!applied) {
    throw new AppError("CONFLICT", `Job ${job.id} is ${job.status.toLowerCase()}; a ${callback.status.toLowerCase()} callback cannot change it.`);
  }

  logger.info({ trainingJobId: job.id, attempt: job.attempt, status: callback.status }, "training callback applied");
}

function describeOutcome(callback: z.output<typeof trainingCallbackSchema>, outputUri: string | null) {
  const exitCode = callback.exitCode ?? null;
  switch (callback.status) {
    case "SUCCEEDED":
      if (!callback.artifactUri && !outputUri) {
        throw new AppError("INVALID_INPUT", "A succeeded callback needs artifactUri, because the job has no output location.");
      }
      return { status: "SUCCEEDED" as const, exitCode, artifactUri: callback.artifactUri ?? outputUri! };
    case "FAILED":
      return { status: "FAILED" as const, exitCode, error: callback.message ?? "The webhook service reported a failure without a message." };
    default:
      return { status: "CANCELLED" as const, exitCode, error: callback.message ?? "The webhook service reported the job cancelled." };
  }
}
