import { z } from "zod";

import { webhookSettingsSchema, type WebhookSettings } from "@/lib/training/backend-settings";
import { TrainingBackendError, type JobWithBackend, type TrainingBackendDriver } from "@/lib/training/backends/training-backend-driver";
import { finishTrainingAttempt } from "@/lib/training/finish-training-attempt";
import { getExportDirectory } from "@/lib/exports/export-directory";
import { joinLocation } from "@/lib/training/training-paths";
import type { AttemptSpec, TrainingSpec } from "@/lib/training/training-spec";
import { updateTrainingAttempt } from "@/lib/training/update-training-attempt";
import { buildSignatureHeaders, readWebhookSecret } from "@/lib/training/webhook-signature";

const submitResponseSchema = z.object({ externalId: z.string().min(1).max(200).optional() }).loose();

/**
 * Sends each attempt as a signed JSON POST to an outside service, which reports progress
 * through signed callbacks to /api/training/jobs/<id>/callback. Cancelling posts a signed
 * cancel message to the same URL.
 */
export const webhookBackend: TrainingBackendDriver = {
  async start(job) {
    const settings = webhookSettingsSchema.parse(job.backend.settings);
    const spec = job.spec as TrainingSpec;
    const outputLocation = joinLocation(settings.outputRoot, job.id, `attempt-${job.attempt}`);
    const attemptSpec: AttemptSpec = {
      ...spec,
      jobId: job.id,
      attempt: job.attempt,
      datasetLocation: spec.dataset ? joinLocation(settings.datasetRoot ?? getExportDirectory(), spec.dataset.filePath) : null,
      outputLocation,
    };
    const callbackUrl = new URL(`/api/training/jobs/${encodeURIComponent(job.id)}/callback`, settings.callbackBaseUrl).toString();

    const response = await postSigned(settings, { event: "submit", jobId: job.id, attempt: job.attempt, callbackUrl, spec: attemptSpec });
    const body = submitResponseSchema.safeParse(await response.json().catch(() => ({})));

    await updateTrainingAttempt({
      jobId: job.id,
      attempt: job.attempt,
      from: ["QUEUED"],
      data: { status: "SUBMITTED", submittedAt: new Date(), outputUri: outputLocation, externalId: body.success ? (body.data.externalId ?? null) : null },
    });
  },

  async poll() {
    return false;
  },

  async cancel(job: JobWithBackend) {
    const settings = webhookSettingsSchema.parse(job.backend.settings);

    await postSigned(settings, { event: "cancel", jobId: job.id, attempt: job.attempt, externalId: job.externalId });
    await finishTrainingAttempt({ jobId: job.id, attempt: job.attempt, outcome: { status: "CANCELLED", error: "Cancelled; the webhook service accepted the cancel request." } });
  },
};

async function postSigned(settings: WebhookSettings, message: object): Promise<Response> {
  const secret = readWebhookSecret(settings.secretEnv);
  const body = JSON.stringify(message);

  const response = await fetch(settings.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...buildSignatureHeaders(secret, body) },
    body,
    signal: AbortSignal.timeout(settings.timeoutSeconds * 1000),
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 500);
    throw new TrainingBackendError(`The webhook at ${settings.url} returned HTTP ${response.status}: ${text}`);
  }
  return response;
}
