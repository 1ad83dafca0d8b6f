import type { ImportIssue, RecordReader, SourceRecord } from "@/lib/imports/import-types";
import { describeJsonValue, isPlainObject } from "@/lib/imports/json-values";

/** Read JSONL: one JSON object per line. Blank lines are skipped; every bad line is reported. */
export const readJsonLines: RecordReader = (text) => {
  const records: SourceRecord[] = [];
  const errors: ImportIssue[] = [];

  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") {
      return;
    }

    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      errors.push({
        line,
        message: `Invalid JSON on this line: ${reason}. Each line must be one complete JSON object; a line break inside a value must be written as \\n.`,
      });
      return;
    }

    if (!isPlainObject(value)) {
      errors.push({
        line,
        message: `This line contains a JSON ${describeJsonValue(value)}, but each line must be an object such as {"id": "1", "prompt": "..."}.`,
      });
      return;
    }
    records.push({ line, fields: value });
  });

  return { rowCount: records.length + errors.length, records, errors };
};
