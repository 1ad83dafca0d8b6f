import type { FileFormat, ImportIssue, ParsedPrompt, SourceRecord } from "@/lib/imports/import-types";
import { describeJsonValue } from "@/lib/imports/json-values";
import { hasAnyField, readField } from "@/lib/imports/read-field";
import { readSourceRecords } from "@/lib/imports/read-source-records";

export const PROMPT_ID_FIELDS = ["id", "prompt_id"] as const;
export const PROMPT_TEXT_FIELDS = ["prompt", "instruction", "text"] as const;

export type ParsedPromptFile = {
  format: FileFormat;
  rowsRead: number;
  prompts: ParsedPrompt[];
  errors: ImportIssue[];
  /** "file" when rows carry ids; "row-number" when none does and prompts are numbered 1, 2, 3… */
  idSource: "file" | "row-number";
  duplicateIds: number;
};

/**
 * Parse a prompt file (JSON array, JSONL or CSV) into prompts with ids. Rows name their id
 * `id` or `prompt_id` and their text `prompt`, `instruction` or `text`. A file without ids
 * is numbered by row from 1; a file where only some rows have ids is an error.
 */
export function parsePromptFile({ fileName, content }: { fileName: string; content: string }): ParsedPromptFile {
  const { format, rowCount, records, errors } = readSourceRecords({ fileName, content });
  const idSource = records.some((record) => readField(record, PROMPT_ID_FIELDS)) ? "file" : "row-number";
  const result: ParsedPromptFile = { format, rowsRead: rowCount, prompts: [], errors: [...errors], idSource, duplicateIds: 0 };

  if (records.length > 0 && !hasAnyField(records, PROMPT_TEXT_FIELDS)) {
    result.errors.push(missingColumnError(records[0]));
    return result;
  }

  const firstLineById = new Map<string, number>();
  records.forEach((record, index) => {
    const prompt = parsePromptRecord(record, idSource === "file" ? null : String(index + 1), result.errors);
    if (!prompt) {
      return;
    }

    const firstLine = firstLineById.get(prompt.externalId);
    if (firstLine !== undefined) {
      result.duplicateIds += 1;
      result.errors.push({
        line: record.line,
        element: record.element,
        field: "id",
        message: `Duplicate prompt id "${prompt.externalId}": line ${firstLine} already uses it. Give every prompt a unique id.`,
      });
      return;
    }

    firstLineById.set(prompt.externalId, record.line);
    result.prompts.push(prompt);
  });

  result.errors.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  return result;
}

type FieldProblem = { field: string; message: string };

/** Returns null after recording the row's problems in `errors`. */
function parsePromptRecord(record: SourceRecord, rowNumberId: string | null, errors: ImportIssue[]): ParsedPrompt | null {
  const location = { line: record.line, element: record.element };
  const text = readPromptText(record);
  const externalId = rowNumberId ?? readPromptId(record);

  const problems = [text, externalId].filter((value): value is FieldProblem => typeof value !== "string");
  if (typeof text !== "string" || typeof externalId !== "string") {
    errors.push(...problems.map((problem) => ({ ...location, ...problem })));
    return null;
  }
  return { ...location, externalId, text };
}

function readPromptText(record: SourceRecord): string | FieldProblem {
  const field = readField(record, PROMPT_TEXT_FIELDS);
  if (!field || isBlank(field.value)) {
    return { field: "prompt", message: 'Missing prompt text. Give the row a non-empty "prompt" (or "instruction" or "text") value.' };
  }

  if (typeof field.value !== "string") {
    return {
      field: field.name,
      message: `"${field.name}" is a JSON ${describeJsonValue(field.value)}, but the prompt text must be a string. Put the text in double quotes.`,
    };
  }
  return field.value;
}

function readPromptId(record: SourceRecord): string | FieldProblem {
  const field = readField(record, PROMPT_ID_FIELDS);
  if (!field || isBlank(field.value)) {
    return {
      field: "id",
      message: 'Missing id, while other rows have one. Give every row an "id" (or "prompt_id"), or remove all ids to number the prompts by row.',
    };
  }

  if (typeof field.value === "number" && Number.isFinite(field.value)) {
    return String(field.value);
  }
  if (typeof field.value === "string") {
    return field.value.trim();
  }
  return {
    field: field.name,
    message: `"${field.name}" is a JSON ${describeJsonValue(field.value)}, but a prompt id must be a string or a number such as "12".`,
  };
}

function isBlank(value: unknown): boolean {
  return typeof value === "string" && value.trim() === "";
}

function missingColumnError(record: SourceRecord): ImportIssue {
  const found = Object.keys(record.fields);
  return {
    line: record.line,
    element: record.element,
    field: "prompt",
    message: `No row has a prompt text field${found.length > 0 ? `; found ${found.map((name) => `"${name}"`).join(", ")}` : ""}. Name the field "prompt", "instruction" or "text".`,
  };
}
