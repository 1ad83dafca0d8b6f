import { detectFileFormat } from "@/lib/imports/detect-file-format";
import type { FileFormat, RecordReader, SourceRecords } from "@/lib/imports/import-types";
import { readCsv } from "@/lib/imports/read-csv";
import { readJsonArray } from "@/lib/imports/read-json-array";
import { readJsonLines } from "@/lib/imports/read-json-lines";

const READERS: Record<FileFormat, RecordReader> = { json: readJsonArray, jsonl: readJsonLines, csv: readCsv };

/**
 * Read an uploaded file into records, detecting JSON array, JSONL or CSV from its name and
 * content. A UTF-8 byte-order mark is ignored, and a row with a NUL character (which
 * PostgreSQL text cannot store) is reported instead of read. Problems are returned in
 * `errors`, not thrown.
 */
export function readSourceRecords({ fileName, content }: { fileName: string; content: string }): SourceRecords {
  const text = content.startsWith("\uFEFF") ? content.slice(1) : content;
  const format = detectFileFormat({ fileName, content: text });

  if (text.trim() === "") {
    return { format, rowCount: 0, records: [], errors: [{ message: `The file ${fileName} is empty. Choose a file that contains at least one row.` }] };
  }

  const { rowCount, records: readRecords, errors } = READERS[format](text);
  if (rowCount === 0 && errors.length === 0) {
    return { format, rowCount, records: readRecords, errors: [{ message: `The file ${fileName} contains no rows. Add at least one row below the header or inside the array.` }] };
  }

  const records = readRecords.filter((record) => {
    const field = Object.entries(record.fields).find(([, value]) => typeof value === "string" && value.includes("\u0000"));
    if (field) {
      errors.push({
        line: record.line,
        element: record.element,
        field: field[0],
        message: `"${field[0]}" contains a NUL character (\\u0000), which cannot be stored. Remove it from the file.`,
      });
    }
    return !field;
  });
  errors.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  return { format, rowCount, records, errors };
}
