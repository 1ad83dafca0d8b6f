import { NextResponse } from "next/server";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { completeParticipation } from "@/lib/assignment/complete-participation";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { JUDGING_RESPONSE_HEADERS } from "@/lib/assignment/judging-response-headers";
import { nextItemResponseSchema } from "@/lib/assignment/schemas";
import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Return the crowdworker's current item, leasing a new one when they hold none:
 * { done: false, assignment } or, when nothing is left for them, { done: true, completionCode?, completionUrl? }.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;

  try {
    const user = await requireRole("CROWDWORKER");

    const assignment = await claimNextItem({ studyId, userId: user.id });
    const body = assignment
      ? { done: false, assignment: await getAssignmentView({ assignmentId: assignment.id, userId: user.id }) }
      : await completeParticipation({ studyId, userId: user.id });

    return NextResponse.json(nextItemResponseSchema.parse(body), { headers: JUDGING_RESPONSE_HEADERS });
  } catch (error) {
    return toErrorResponse(error, { route: "GET /api/studies/[studyId]/next-item", studyId });
  }
}
