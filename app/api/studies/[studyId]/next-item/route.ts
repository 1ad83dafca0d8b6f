import { NextResponse } from "next/server";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { completeParticipation } from "@/lib/assignment/complete-participation";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { JUDGING_RESPONSE_HEADERS } from "@/lib/assignment/judging-response-headers";
import { nextItemResponseSchema } from "@/lib/assignment/schemas";
import { requireSessionUserId } from "@/lib/auth/require-session-user-id";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Return the crowdworker's current item, leasing a new one when they hold none:
 * { done: false, assignment } or, when nothing is left for them, { done: true, completionCode?, completionUrl? }.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;

  try {
    // The claim function checks that the user is a crowdworker with an active account.
    const userId = await requireSessionUserId();

    const assignment = await claimNextItem({ studyId, userId });
    const body = assignment
      ? { done: false, assignment: await getAssignmentView({ assignmentId: assignment.id, userId }) }
      : await completeParticipation({ studyId, userId });

    return NextResponse.json(nextItemResponseSchema.parse(body), { headers: JUDGING_RESPONSE_HEADERS });
  } catch (error) {
    return toErrorResponse(error, { route: "GET /api/studies/[studyId]/next-item", studyId });
  }
}
