import type { DashboardTableName } from "@/lib/dashboard/dashboard-table";

/**
 * Render download links for dashboard tables in CSV and JSON. They carry the dashboard's query
 * string, so each file has the filters, tie convention and bootstrap rounds the page shows.
 */
export function ExportLinks({ studyId, tables, query }: { studyId: string; tables: { name: DashboardTableName; label: string }[]; query: string }) {
  const href = (name: DashboardTableName, format: "csv" | "json") =>
    `/api/studies/${encodeURIComponent(studyId)}/stats/${name}.${format}${query ? `?${query}` : ""}`;

  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Downloads">
      {tables.map(({ name, label }) => (
        <li key={name}>
          {label}:{" "}
          <a href={href(name, "csv")} download aria-label={`Download ${label} as CSV`} className="text-indigo-700 underline" data-testid={`export-${name}-csv`}>
            CSV
          </a>{" "}
          <a href={href(name, "json")} download aria-label={`Download ${label} as JSON`} className="text-indigo-700 underline" data-testid={`export-${name}-json`}>
            JSON
          </a>
        </li>
      ))}
    </ul>
  );
}
