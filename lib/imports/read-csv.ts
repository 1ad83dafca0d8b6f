import Papa from "papaparse";

import type { ImportIssue, RecordReader, SourceRecord } from "@/lib/imports/import-types";
import { createLineIndex } from "@/lib/imports/line-index";

/**
 * Read CSV with a header row (delimiter detected: comma, tab, semicolon or pipe). Quoted
 * values may contain line breaks, so each record is located by the line on which it starts.
 */
export const readCsv: RecordReader = (text) => {
  const lineAt = createLineIndex(text);
  const rows: { line: number; values: string[]; problems: Papa.ParseError[] }[] = [];

  let rowStart = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    step(result) {
      rows.push({ line: lineAt(skipWhitespace(text, rowStart)), values: result.data, problems: result.errors });
      rowStart = result.meta.cursor;
    },
  });

  const [header, ...dataRows] = rows;
  if (!header) {
    return { rowCount: 0, records: [], errors: [{ message: "The CSV file has no header row. Start it with column names such as id,prompt." }] };
  }

  const columns = header.values.map((name) => name.trim());
  const headerErrors = checkHeader(columns, header.line);
  if (headerErrors.length > 0) {
    return { rowCount: dataRows.length, records: [], errors: headerErrors };
  }

  const records: SourceRecord[] = [];
  const errors: ImportIssue[] = [];
  for (const row of dataRows) {
    const problem = describeRowProblem(row, columns.length);
    if (problem) {
      errors.push({ line: row.line, message: problem });
      continue;
    }

    const fields: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      if (column !== "") {
        fields[column] = row.values[index];
      }
    });
    records.push({ line: row.line, fields });
  }

  return { rowCount: dataRows.length, records, errors };
};

function checkHeader(columns: string[], line: number): ImportIssue[] {
  const seen = new Set<string>();
  const errors: ImportIssue[] = [];
  for (const column of columns) {
    const key = column.toLowerCase();
    if (key !== "" && seen.has(key)) {
      errors.push({ line, field: column, message: `Column "${column}" appears twice in the header. Rename or remove one of them.` });
    }
    seen.add(key);
  }
  return errors;
}

function describeRowProblem(row: { values: string[]; problems: Papa.ParseError[] }, columnCount: number): string | null {
  const quoteProblem = row.problems.find((problem) => problem.type === "Quotes");
  if (quoteProblem) {
    return `Malformed CSV: ${quoteProblem.message.toLowerCase()} in the row starting on this line. Close every quoted value with a double quote, and write a quote inside a quoted value as two ("").`;
  }

  if (row.values.length !== columnCount) {
    return `Malformed CSV: this row has ${row.values.length} values but the header has ${columnCount} columns. Put double quotes around values that contain commas or line breaks.`;
  }
  return null;
}

/** Papa's cursor points just past the previous row; skipped blank lines sit between it and this row. */
function skipWhitespace(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && text[index].trim() === "") {
    index += 1;
  }
  return index;
}
