import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";
import { streamJudgmentsCsv } from "@/lib/exports/stream-judgments-csv";

export const dynamic = "force-dynamic";

/** Download every judgment of a study as CSV (researchers and admins). */
export async function GET(_request: Request, { params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;
  try {
    const user = await requireRole("RESEARCHER");
    const body = await streamJudgmentsCsv({ actor: user, studyId });

    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="judgments-${studyId}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { route: "judgments.csv", studyId });
  }
}
