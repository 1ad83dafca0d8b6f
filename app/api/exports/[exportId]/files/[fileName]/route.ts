import { requireRole } from "@/lib/auth/require-role";
import { toErrorResponse } from "@/lib/errors";
import { openExportDownload } from "@/lib/exports/open-export-download";

export const dynamic = "force-dynamic";

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** Download a file of a complete export, or its manifest.json (researchers and admins). */
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string; fileName: string }> }) {
  const { exportId, fileName } = await params;
  try {
    const user = await requireRole("RESEARCHER");
    const download = await openExportDownload({ actor: user, exportId, fileName });

    return new Response(download.body, {
      headers: {
        "Content-Type": CONTENT_TYPES[fileName.split(".").pop() ?? ""] ?? "application/octet-stream",
        "Content-Length": String(download.size),
        "Content-Disposition": `attachment; filename="${exportId}-${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { route: "export file", exportId, fileName });
  }
}
