import type { DashboardTableName, ExportFormat } from "@/lib/dashboard/dashboard-table";
import { toDashboardSearchParams, type DashboardView } from "@/lib/dashboard/dashboard-view";

/**
 * Name a dashboard table's download after its study and each view setting that differs from the
 * default, such as win-rates-ID-pool-prolific-ties-strict.csv, so that exports of different views
 * keep apart. Values keep only letters, digits, dots and hyphens, which drops a date's colons.
 */
export function nameDashboardExportFile({ table, studyId, view, format }: { table: DashboardTableName; studyId: string; view: DashboardView; format: ExportFormat }): string {
  const parts = [table, studyId];
  for (const [name, value] of toDashboardSearchParams(view)) {
    parts.push(name, value.replace(/[^A-Za-z0-9.-]/g, ""));
  }
  return `${parts.join("-")}.${format}`;
}
