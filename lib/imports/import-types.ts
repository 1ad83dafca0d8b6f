/** Types shared by the import parsers, the matcher, the reports and the upload forms. */

export type FileFormat = "json" | "jsonl" | "csv";

/**
 * Location of a record or a problem in the uploaded file: the 1-based line on which it starts
 * and, in a JSON array, the 0-based index of the array element.
 */
export type SourceLocation = { line?: number; element?: number };

/** A problem in the uploaded file, with the field it concerns when there is one. */
export type ImportIssue = SourceLocation & { field?: string; message: string };

/** One row of the file as read, before any field is interpreted. */
export type SourceRecord = { line: number; element?: number; fields: Record<string, unknown> };

/** The records of a file, its problems, and how many data rows it has (readable or not). */
export type SourceRecords = { format: FileFormat; rowCount: number; records: SourceRecord[]; errors: ImportIssue[] };

export type RecordReader = (text: string) => Omit<SourceRecords, "format">;

export type ParsedPrompt = { line: number; element?: number; externalId: string; text: string };

export type ParsedOutputRow = {
  line: number;
  element?: number;
  promptExternalId?: string;
  instruction?: string;
  system?: string;
  combination?: string;
  output: string;
};

/** A combination as stored, for resolving the names and side keys that files use. */
export type CombinationRef = { id: string; name: string; sideKeys: string };

/** A prompt of the chosen prompt set, for matching output rows. */
export type PromptRef = { id: string; externalId: string; text: string };

export type UnmatchedRow = SourceLocation & {
  promptExternalId?: string;
  instructionSnippet: string;
  reason: string;
  /** The prompt of the set with the highest similarity, shown as a hint only, because the row stays unmatched. */
  closestPrompt?: { externalId: string; textSnippet: string; similarity: number };
};

export type DuplicateRow = SourceLocation & {
  promptExternalId: string;
  system: string;
  combination: string | null;
  /** IN_FILE: an earlier row of the same file has the same key (see firstLine); STORED: already imported. */
  reason: "IN_FILE" | "STORED";
  firstLine?: number;
};

export type PromptImportReport = {
  fileName: string;
  format: FileFormat | null;
  promptSetName: string;
  rowsRead: number;
  /** Prompts that will be stored (or were, once imported). */
  promptCount: number;
  /** Whether the prompt ids come from the file or are the 1-based row numbers. */
  idSource: "file" | "row-number";
  duplicateIds: number;
  errors: ImportIssue[];
  sample: { externalId: string; textSnippet: string }[];
  promptSetId?: string;
  importBatchId?: string;
};

export type ResponseImportReport = {
  fileName: string;
  format: FileFormat | null;
  promptSetId: string;
  promptSetName: string;
  rowsRead: number;
  matched: number;
  unmatched: UnmatchedRow[];
  duplicates: DuplicateRow[];
  errors: ImportIssue[];
  /** Matched rows that are neither duplicates nor in error: what a confirmed import stores. */
  toStore: number;
  systems: { name: string; isNew: boolean }[];
  /** Number of prompts of the set for which the file has no matched row. */
  promptsWithoutResponse: number;
  stored?: number;
  importBatchId?: string;
};
