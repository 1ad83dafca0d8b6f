import { describeLocation } from "@/lib/imports/describe-import-issue";
import type { DuplicateRow, ImportIssue, UnmatchedRow } from "@/lib/imports/import-types";

/** Rows shown per table; the rest are counted in a note below it. */
const MAX_TABLE_ROWS = 200;

export function ReportCounts({ counts }: { counts: [label: string, value: number][] }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {counts.map(([label, value]) => (
        <div key={label} className="flex gap-1">
          <dt className="text-slate-600">{label}</dt> <dd className="font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function IssueTable({ title, issues }: { title: string; issues: ImportIssue[] }) {
  if (issues.length === 0) {
    return null;
  }
  return (
    <ReportTable
      title={title}
      total={issues.length}
      headers={["Where", "Field", "Problem"]}
      rows={issues.slice(0, MAX_TABLE_ROWS).map((issue) => [describeLocation(issue) || "Whole file", issue.field ?? "", issue.message])}
      tone="error"
    />
  );
}

export function UnmatchedTable({ rows }: { rows: UnmatchedRow[] }) {
  if (rows.length === 0) {
    return null;
  }
  return (
    <ReportTable
      title="Unmatched rows (not imported)"
      total={rows.length}
      headers={["Where", "Prompt id", "Instruction", "Reason", "Closest prompt (not matched)"]}
      rows={rows.slice(0, MAX_TABLE_ROWS).map((row) => [
        describeLocation(row),
        row.promptExternalId ?? "",
        row.instructionSnippet,
        row.reason,
        row.closestPrompt ? `${row.closestPrompt.externalId}: ${row.closestPrompt.textSnippet} (similarity ${row.closestPrompt.similarity})` : "",
      ])}
    />
  );
}

export function DuplicateTable({ rows }: { rows: DuplicateRow[] }) {
  if (rows.length === 0) {
    return null;
  }
  return (
    <ReportTable
      title="Duplicate rows (skipped)"
      total={rows.length}
      headers={["Where", "Prompt id", "System", "Combination", "Why"]}
      rows={rows.slice(0, MAX_TABLE_ROWS).map((row) => [
        describeLocation(row),
        row.promptExternalId,
        row.system,
        row.combination ?? "none",
        row.reason === "STORED" ? "Already stored" : `Repeats line ${row.firstLine}`,
      ])}
    />
  );
}

function ReportTable({
  title,
  total,
  headers,
  rows,
  tone = "neutral",
}: {
  title: string;
  total: number;
  headers: string[];
  rows: string[][];
  tone?: "neutral" | "error";
}) {
  return (
    <section className="space-y-2">
      <h4 className={tone === "error" ? "text-sm font-semibold text-red-700" : "text-sm font-semibold text-slate-800"}>
        {title} ({total})
      </h4>
      <div className="max-h-80 overflow-auto rounded border border-slate-200">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-50">
            <tr>
              {headers.map((header) => (
                <th key={header} scope="col" className="px-2 py-1 font-medium text-slate-700">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, rowIndex) => (
              <tr key={rowIndex} className="border-t border-slate-100 align-top">
                {cells.map((cell, cellIndex) => (
                  <td key={cellIndex} className="px-2 py-1 break-words">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length && (
        <p className="text-xs text-slate-500">
          Showing the first {rows.length} of {total}.
        </p>
      )}
    </section>
  );
}
