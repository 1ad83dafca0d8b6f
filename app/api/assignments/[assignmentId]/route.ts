import { NextResponse } from "next/server";

import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Return one of the signed-in crowdworker's assignments as an AssignmentView; 403 for anyone else's. */
export async function GET(_request: Request, { params }: { params: Promise<{ assignmentId: string }> }) {
  const { assignmentId } = await params;

  try {
    const user = await requireRole("CROWDWORKER");

    return NextResponse.json(await getAssignmentView({ assignmentId, userId: user.id }));
  } catch (error) {
    return toErrorResponse(error, { route: "GET /api/assignments/[assignmentId]", assignmentId });
  }
}
