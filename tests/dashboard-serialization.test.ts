import Papa from "papaparse";
import { describe, expect, it } from "vitest";

import type { DashboardTable } from "@/lib/dashboard/dashboard-table";
import { serializeTableCsv } from "@/lib/dashboard/serialize-table-csv";
import { serializeTableJson } from "@/lib/dashboard/serialize-table-json";

const table: DashboardTable = {
  name: "win-rates",
  title: "Win rates",
  columns: ["system", "win_rate", "n", "is_baseline"],
  rows: [
    { system: 'p-soup "merged", v2', win_rate: 2 / 3, n: 3, is_baseline: false },
    { system: "=HYPERLINK(\"http://example.invalid\")", win_rate: null, n: 0, is_baseline: true },
    { system: "line\nbreak", win_rate: -0.25, n: 4, is_baseline: false },
  ],
};

describe("serializeTableCsv", () => {
  const csv = serializeTableCsv(table);
  const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: "\r\n" }).data;

  it("writes the header in column order", () => {
    expect(parsed[0]).toEqual(["system", "win_rate", "n", "is_baseline"]);
  });

  it("round-trips quotes, commas and newlines", () => {
    expect(parsed[1][0]).toBe('p-soup "merged", v2');
    expect(parsed[3][0]).toBe("line\nbreak");
  });

  it("writes numbers unrounded", () => {
    expect(Number(parsed[1][1])).toBe(2 / 3);
    expect(parsed[3][1]).toBe("-0.25");
  });

  it("leaves no-data cells empty", () => {
    expect(parsed[2][1]).toBe("");
    expect(parsed[2][2]).toBe("0");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(parsed[2][0]).toBe("'=HYPERLINK(\"http://example.invalid\")");
  });

  it("ends every line with CRLF", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(table.rows.length + 2);
  });

  it("writes only the header for an empty table", () => {
    expect(serializeTableCsv({ ...table, rows: [] })).toBe("system,win_rate,n,is_baseline\r\n");
  });
});

describe("serializeTableJson", () => {
  const view = { filter: { pool: "prolific", from: new Date("2026-12-01T00:00:00Z") }, convention: "strict" };
  const generatedAt = new Date("2026-12-04T12:00:00Z");

  it("keeps values typed and null for no data", () => {
    const document = JSON.parse(serializeTableJson(table, { studyId: "study-1", view, generatedAt }));

    expect(document.table).toBe("win-rates");
    expect(document.columns).toEqual(table.columns);
    expect(document.rows[0]).toEqual({ system: 'p-soup "merged", v2', win_rate: 2 / 3, n: 3, is_baseline: false });
    expect(document.rows[1].win_rate).toBeNull();
    expect(document.rows[1].system).toBe("=HYPERLINK(\"http://example.invalid\")");
  });

  it("records the study, view and time", () => {
    const document = JSON.parse(serializeTableJson(table, { studyId: "study-1", view, generatedAt }));

    expect(document.studyId).toBe("study-1");
    expect(document.generatedAt).toBe("2026-12-04T12:00:00.000Z");
    expect(document.view).toEqual({ filter: { pool: "prolific", from: "2026-12-01T00:00:00.000Z" }, convention: "strict" });
  });

});
