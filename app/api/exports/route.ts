import { NextResponse } from "next/server";

import { requireRole } from "@/lib/auth/require-role";
import { AppError, toErrorResponse } from "@/lib/errors";
import { createDataExport } from "@/lib/exports/create-data-export";
import type { ExportParametersInput } from "@/lib/exports/export-parameters";
import { listDataExports } from "@/lib/exports/list-data-exports";

export const dynamic = "force-dynamic";

/** List the newest exports with their status and progress (researchers and admins). */
export async function GET() {
  try {
    const user = await requireRole("RESEARCHER");
    const exports = await listDataExports({ actor: user });
    return NextResponse.json({ exports: exports.map(({ createdBy, ...dataExport }) => ({ ...dataExport, createdBy: createdBy.email })) });
  } catch (error) {
    return toErrorResponse(error, { route: "exports" });
  }
}

/**
 * Queue an export (researchers and admins). The JSON body holds `kind` (judgments,
 * reward-model or preference-pairs), `format` and that kind's parameters. Responds 202 with the
 * export, whose progress GET /api/exports/{id} returns.
 */
export async function POST(request: Request) {
  try {
    const user = await requireRole("RESEARCHER");
    const input = (await request.json().catch(() => {
      throw new AppError("INVALID_INPUT", "The request body is not valid JSON. Send the export settings as a JSON object.");
    })) as ExportParametersInput;

    const dataExport = await createDataExport({ actor: user, input });
    return NextResponse.json(dataExport, { status: 202 });
  } catch (error) {
    return toErrorResponse(error, { route: "exports" });
  }
}
