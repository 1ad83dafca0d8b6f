import { z } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { DASHBOARD_TABLE_NAMES, EXPORT_FORMATS } from "@/lib/dashboard/dashboard-table";
import { parseDashboardView } from "@/lib/dashboard/dashboard-view";
import { describeUnknownJudgeVersion } from "@/lib/dashboard/describe-unknown-judge-version";
import { loadDashboardTable } from "@/lib/dashboard/load-dashboard-table";
import { nameDashboardExportFile } from "@/lib/dashboard/name-dashboard-export-file";
import { serializeTableCsv } from "@/lib/dashboard/serialize-table-csv";
import { serializeTableJson } from "@/lib/dashboard/serialize-table-json";
import { AppError, toErrorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

const fileSchema = z
  .string()
  .transform((file) => {
    const dot = file.lastIndexOf(".");
    return { table: file.slice(0, dot), format: file.slice(dot + 1) };
  })
  .pipe(z.object({ table: z.enum(DASHBOARD_TABLE_NAMES), format: z.enum(EXPORT_FORMATS) }));

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

/**
 * Download one dashboard table as CSV or JSON (researchers and admins), such as
 * /api/studies/ID/stats/win-rates.csv. The query string takes the dashboard's own filter and
 * tie-convention parameters; an invalid value is rejected with 400 rather than ignored.
 */
export async function GET(request: Request, { params }: { params: Promise<{ studyId: string; table: string }> }) {
  const { studyId, table: file } = await params;
  try {
    const user = await requireRole("RESEARCHER");

    const parsedFile = fileSchema.safeParse(file);
    if (!parsedFile.success) {
      throw new AppError(
        "NOT_FOUND",
        `No table export named ${JSON.stringify(file)}. Use one of ${DASHBOARD_TABLE_NAMES.join(", ")} followed by .csv or .json.`,
      );
    }
    const { view, issues } = parseDashboardView(new URL(request.url).searchParams);
    if (issues.length > 0) {
      throw new AppError("INVALID_INPUT", issues.join(" "));
    }
    const unknownVersion = await describeUnknownJudgeVersion(view.filter);
    if (unknownVersion) {
      throw new AppError("INVALID_INPUT", unknownVersion);
    }

    const { table, format } = parsedFile.data;
    const loaded = await loadDashboardTable({ actor: user, studyId, table, view });
    const body = format === "csv" ? serializeTableCsv(loaded) : serializeTableJson(loaded, { studyId, view, generatedAt: new Date() });

    return new Response(body, {
      headers: {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${nameDashboardExportFile({ table, studyId, view, format })}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { route: "stats export", studyId, file });
  }
}
