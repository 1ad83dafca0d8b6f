/** A cell of an exported table: numbers stay unrounded, and null means "no data". */
export type TableValue = string | number | boolean | null;

/** One dashboard table as exported: `name` is the file stem and `columns` fix the column order. */
export type DashboardTable = {
  name: string;
  title: string;
  columns: readonly string[];
  rows: Record<string, TableValue>[];
};

/** Every table the dashboard exports, by the name used in export URLs and file names. */
export const DASHBOARD_TABLE_NAMES = [
  "win-rates",
  "ratings",
  "pairwise",
  "crowdworker-agreement",
  "judge-agreement",
  "position-bias",
  "length-bias",
  "length-controlled",
  "quality",
  "progress",
] as const;

export type DashboardTableName = (typeof DASHBOARD_TABLE_NAMES)[number];

export const EXPORT_FORMATS = ["csv", "json"] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
