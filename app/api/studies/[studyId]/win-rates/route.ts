import { NextResponse } from "next/server";
import { z } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";
import { TIE_CONVENTIONS, type TieConvention } from "@/lib/stats/compute-win-rates";
import { getStudyWinRates } from "@/lib/stats/get-study-win-rates";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  convention: z.enum(TIE_CONVENTIONS as [TieConvention, ...TieConvention[]]).default("tiesAsHalf"),
  judgeType: z.enum(["HUMAN", "SIMULATED"]).default("HUMAN"),
});

/**
 * Return a study's win rates as JSON (researchers and admins). Query parameters:
 * `convention` (tiesAsHalf, tiesExcluded or strict) and `judgeType` (HUMAN or SIMULATED).
 */
export async function GET(request: Request, { params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;
  try {
    const user = await requireRole("RESEARCHER");
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));

    const report = await getStudyWinRates({ actor: user, studyId, ...query });
    return NextResponse.json(report);
  } catch (error) {
    return toErrorResponse(error, { route: "win-rates", studyId });
  }
}
