import { NextResponse } from "next/server";

import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";
import { getDataExport } from "@/lib/exports/get-data-export";

export const dynamic = "force-dynamic";

/** Return one export's status, progress, folder and manifest hash (researchers and admins). */
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const { exportId } = await params;
  try {
    const user = await requireRole("RESEARCHER");
    return NextResponse.json(await getDataExport({ actor: user, exportId }));
  } catch (error) {
    return toErrorResponse(error, { route: "export", exportId });
  }
}
