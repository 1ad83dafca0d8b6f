import type { FileFormat, ImportIssue, ParsedOutputRow, SourceRecord } from "@/lib/imports/import-types";
import { describeJsonValue } from "@/lib/imports/json-values";
import { hasAnyField, readField } from "@/lib/imports/read-field";
import { readSourceRecords } from "@/lib/imports/read-source-records";

const FIELDS = {
  promptId: ["prompt_id", "id"],
  instruction: ["instruction", "prompt", "text"],
  system: ["system", "generator", "model"],
  combination: ["combination"],
  output: ["output", "response", "completion"],
} as const;

export type ParsedOutputFile = { format: FileFormat; rowsRead: number; rows: ParsedOutputRow[]; errors: ImportIssue[] };

type FieldProblem = { field: string; message: string };

/**
 * Parse a model-output file: AlpacaEval's JSON array of {instruction, output, generator}, or
 * JSON/JSONL/CSV rows with `prompt_id` and/or `instruction`, `system` (or `generator`),
 * an optional `combination` and `output`. Matching rows to prompts happens later.
 */
export function parseOutputFile({ fileName, content }: { fileName: string; content: string }): ParsedOutputFile {
  const { format, rowCount, records, errors } = readSourceRecords({ fileName, content });
  const result: ParsedOutputFile = { format, rowsRead: rowCount, rows: [], errors: [...errors] };

  if (records.length > 0 && !hasAnyField(records, FIELDS.output)) {
    const found = Object.keys(records[0].fields).map((name) => `"${name}"`).join(", ");
    result.errors.push({
      line: records[0].line,
      element: records[0].element,
      field: "output",
      message: `No row has an output field; found ${found || "no fields"}. Name the model's response "output" (or "response" or "completion").`,
    });
    return result;
  }

  for (const record of records) {
    const row = parseOutputRecord(record);
    if ("problems" in row) {
      result.errors.push(...row.problems.map((problem) => ({ line: record.line, element: record.element, ...problem })));
    } else {
      result.rows.push(row);
    }
  }

  result.errors.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  return result;
}

function parseOutputRecord(record: SourceRecord): ParsedOutputRow | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const readText = (aliases: readonly string[], allowNumber = false) => {
    const field = readField(record, aliases);
    if (!field) {
      return undefined;
    }
    if (typeof field.value === "string") {
      return field.value;
    }
    if (allowNumber && typeof field.value === "number" && Number.isFinite(field.value)) {
      return String(field.value);
    }
    problems.push({
      field: field.name,
      message: `"${field.name}" is a JSON ${describeJsonValue(field.value)}, but it must be a string${allowNumber ? " or a number" : ""}. Put the value in double quotes.`,
    });
    return undefined;
  };

  const output = readText(FIELDS.output);
  const promptExternalId = readText(FIELDS.promptId, true)?.trim() || undefined;
  const instruction = readText(FIELDS.instruction);
  const system = readText(FIELDS.system)?.trim() || undefined;
  const combination = readText(FIELDS.combination)?.trim() || undefined;

  if (problems.length === 0 && (output === undefined || output.trim() === "")) {
    problems.push({ field: "output", message: 'Missing output. Give the row a non-empty "output" (or "response") value with the model\'s response.' });
  }
  if (problems.length === 0 && !promptExternalId && !instruction?.trim()) {
    problems.push({
      field: "instruction",
      message: 'The row has neither a prompt id nor an instruction. Add a "prompt_id" or the prompt text as "instruction" so the row can be matched to a prompt.',
    });
  }

  if (problems.length > 0) {
    return { problems };
  }
  return { line: record.line, element: record.element, promptExternalId, instruction, system, combination, output: output! };
}
