import Papa from "papaparse";

import type { DashboardTable, TableValue } from "@/lib/dashboard/dashboard-table";

/**
 * Write a table as RFC 4180 CSV with a header row and CRLF line ends. Null cells are empty,
 * numbers are written unrounded, and text cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) get a leading apostrophe.
 */
export function serializeTableCsv(table: DashboardTable): string {
  const data = table.rows.map((row) => table.columns.map((column) => toCsvValue(row[column])));
  const text = Papa.unparse({ fields: [...table.columns], data }, { escapeFormulae: true, newline: "\r\n" });

  // Papa.unparse leaves the last row without a line break, but ends the header of a table without rows with one.
  return data.length === 0 ? text : `${text}\r\n`;
}

function toCsvValue(value: TableValue | undefined): string | number {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : "";
  }
  return typeof value === "boolean" ? String(value) : value;
}
