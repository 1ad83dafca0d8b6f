import { createHmac, timingSafeEqual } from "node:crypto";

import { AppError } from "@/lib/errors";

export const TIMESTAMP_HEADER = "x-ladle-timestamp";
export const SIGNATURE_HEADER = "x-ladle-signature";

/** Seconds a signed message stays valid either side of the receiver's clock, which limits replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Bytes of secret below which a webhook secret is rejected as guessable. */
const MIN_SECRET_LENGTH = 32;

/** Return the HMAC-SHA256, in hex, of `${timestamp}.${body}` under `secret`. */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** Headers that sign `body` now: the Unix timestamp in seconds and `sha256=<hex digest>`. */
export function buildSignatureHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: `sha256=${signWebhookBody(secret, timestamp, body)}` };
}

/**
 * Check a signed message. Throws UNAUTHENTICATED, saying which check failed, for a missing or
 * malformed header, a timestamp outside the tolerance, or a signature that does not match.
 */
export function verifyWebhookSignature(options: { secret: string; body: string; timestamp: string | null; signature: string | null; now?: number }): void {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) {
    throw new AppError("UNAUTHENTICATED", `Missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER} header; sign the callback with the backend's secret.`);
  }

  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (!Number.isFinite(seconds) || Math.abs(nowSeconds - seconds) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new AppError("UNAUTHENTICATED", `Timestamp ${timestamp} is not within ${SIGNATURE_TOLERANCE_SECONDS} seconds of the server's clock; sign each callback when sending it.`);
  }

  const expected = Buffer.from(`sha256=${signWebhookBody(options.secret, seconds, options.body)}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("UNAUTHENTICATED", "Invalid signature; sign `<timestamp>.<body>` with HMAC-SHA256 under the backend's secret.");
  }
}

/** Read a webhook secret from the environment variable `name`; throws when it is unset or shorter than 32 characters. */
export function readWebhookSecret(name: string): string {
  const secret = process.env[name];
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`Environment variable ${name} must hold the webhook secret, at least ${MIN_SECRET_LENGTH} characters; set it for the web app and the worker.`);
  }
  return secret;
}
