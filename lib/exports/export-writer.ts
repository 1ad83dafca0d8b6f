import type pg from "pg";

import type { ExportFileSummary } from "@/lib/exports/open-export-file";

/** Context of a kind-specific export writer: a read-only snapshot connection and the folder to write into. */
export type ExportWriterContext = {
  client: pg.ClientBase;
  folder: string;
  /**
   * Record progress: source rows processed so far, in the same unit as `setRowsTotal` when the
   * writer sets it, else rows written. The caller decides how often the database sees it.
   */
  reportProgress: (processed: number) => Promise<void>;
  setRowsTotal: (rowsTotal: number) => Promise<void>;
};

/** Files and counts a writer produced, for the manifest. */
export type ExportWriterResult = {
  files: ExportFileSummary[];
  /** Rows written, skipped or missing, by reason, so nothing is dropped silently. */
  counts: Record<string, unknown>;
  /** Judge versions whose judgments or verdicts the files contain. */
  judgeVersionIds: string[];
};
