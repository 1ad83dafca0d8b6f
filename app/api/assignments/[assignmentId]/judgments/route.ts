import { NextResponse } from "next/server";

import { JUDGING_RESPONSE_HEADERS } from "@/lib/assignment/judging-response-headers";
import { judgmentRequestSchema, submitResultSchema } from "@/lib/assignment/schemas";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { requireSessionUserId } from "@/lib/auth/require-session-user-id";
import { AppError, toErrorResponse } from "@/lib/errors";

/**
 * Store the crowdworker's answers for one assignment. Body: { requestId, answers: [{ criterionSideId
 * or dimensionKey, choice: "A" | "TIE" | "B" }] }. Returns { done, completionCode?, completionUrl? };
 * 403 for someone else's assignment, 409 when it was already submitted under another requestId.
 */
export async function POST(request: Request, { params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;

  try {
    // The submit function checks that the user is a crowdworker with an active account.
    const userId = await requireSessionUserId();

    const json: unknown = await request.json().catch(() => {
      throw new AppError("INVALID_INPUT", "The request body is not valid JSON. Send { requestId, answers }.");
    });
    const body = judgmentRequestSchema.parse(json);

    const result = await submitJudgment({ assignmentId, userId, requestId: body.requestId, answers: body.answers });
    return NextResponse.json(submitResultSchema.parse(result), { headers: JUDGING_RESPONSE_HEADERS });
  } catch (error) {
    return toErrorResponse(error, { route: "POST /api/assignments/[assignmentId]/judgments", assignmentId });
  }
}
