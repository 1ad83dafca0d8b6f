import { NextResponse } from "next/server";

import { toErrorResponse } from "@/lib/errors";
import { applyTrainingCallback } from "@/lib/training/apply-training-callback";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from "@/lib/training/webhook-signature";

export const dynamic = "force-dynamic";

/**
 * Status callback of a webhook training backend, authenticated by its HMAC-SHA256 signature
 * over `<timestamp>.<raw body>` rather than a session. Returns { ok: true }, or 401 for a bad,
 * missing or stale signature, which changes nothing.
 */
export async function POST(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;

  try {
    const body = await request.text();
    await applyTrainingCallback({
      jobId,
      body,
      timestamp: request.headers.get(TIMESTAMP_HEADER),
      signature: request.headers.get(SIGNATURE_HEADER),
    });
    return NextResponse.json({ ok: true });
  } catch (error) {
    return toErrorResponse(error, { route: "POST /api/training/jobs/[jobId]/callback", jobId });
  }
}
