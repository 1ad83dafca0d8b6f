import type { DashboardTable } from "@/lib/dashboard/dashboard-table";

/**
 * Write a table as a JSON document: the table name and title, the context it was computed in
 * (study, view, time), the column order, and one object per row keyed by column. Null stands
 * for "no data".
 */
export function serializeTableJson(table: DashboardTable, context: { studyId: string; view: unknown; generatedAt: Date }): string {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((column) => [column, row[column] ?? null])));

  return `${JSON.stringify(
    {
      table: table.name,
      title: table.title,
      studyId: context.studyId,
      view: context.view,
      generatedAt: context.generatedAt.toISOString(),
      columns: table.columns,
      rows,
    },
    null,
    2,
  )}\n`;
}
