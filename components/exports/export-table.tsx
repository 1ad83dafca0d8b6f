import type { ExportManifest } from "@/lib/exports/build-export-manifest";

export type ExportTableRow = {
  id: string;
  kind: string;
  format: string;
  source: string;
  status: "QUEUED" | "RUNNING" | "COMPLETE" | "FAILED";
  rowsWritten: number;
  rowsTotal: number | null;
  sha256: string | null;
  error: string | null;
  createdAt: Date;
  createdBy: string;
  files: ExportManifest["files"] | null;
};

/** Exports with status, progress and download links for the files of complete ones. */
export function ExportTable({ rows }: { rows: ExportTableRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">No exports yet.</p>;
  }

  return (
    <table className="w-full border-collapse bg-white text-sm">
      <caption className="sr-only">Exports</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left">
          <th scope="col" className="p-2">Created (UTC)</th>
          <th scope="col" className="p-2">Export</th>
          <th scope="col" className="p-2">Source</th>
          <th scope="col" className="p-2">Status</th>
          <th scope="col" className="p-2">Progress</th>
          <th scope="col" className="p-2">Files</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className="border-b border-slate-100 align-top" data-testid={`export-${row.id}`}>
            <td className="p-2 whitespace-nowrap">
              {row.createdAt.toISOString().slice(0, 16).replace("T", " ")}
              <div className="text-xs text-slate-500">{row.createdBy}</div>
            </td>
            <td className="p-2">
              {row.kind} ({row.format})<div className="font-mono text-xs text-slate-500">{row.id}</div>
            </td>
            <td className="p-2">{row.source}</td>
            <td className="p-2" data-testid="export-status">
              {row.status.toLowerCase()}
              {row.error && (
                <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">
                  {row.error}
                </p>
              )}
            </td>
            <td className="p-2 tabular-nums" data-testid="export-progress">
              {describeProgress(row)}
            </td>
            <td className="p-2">
              {row.files && (
                <ul className="space-y-1">
                  {row.files.map((file) => (
                    <li key={file.name}>
                      <a href={`/api/exports/${row.id}/files/${encodeURIComponent(file.name)}`} className="text-indigo-700 underline">
                        {file.name}
                      </a>{" "}
                      <span className="text-xs text-slate-500">{file.rows.toLocaleString("en")} rows</span>
                    </li>
                  ))}
                  <li>
                    <a href={`/api/exports/${row.id}/files/manifest.json`} className="text-indigo-700 underline">
                      manifest.json
                    </a>{" "}
                    <span className="font-mono text-xs text-slate-500" title="SHA-256 of manifest.json">
                      {row.sha256?.slice(0, 12)}
                    </span>
                  </li>
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describeProgress(row: ExportTableRow): string {
  if (row.status === "QUEUED") {
    return "waiting for a worker";
  }
  if (row.status === "COMPLETE") {
    return `${row.rowsWritten.toLocaleString("en")} rows`;
  }
  if (row.rowsTotal === null || row.rowsTotal === 0) {
    return `${row.rowsWritten.toLocaleString("en")} done`;
  }
  const percent = Math.min(100, Math.floor((100 * row.rowsWritten) / row.rowsTotal));
  return `${row.rowsWritten.toLocaleString("en")} of ${row.rowsTotal.toLocaleString("en")} (${percent}%)`;
}
