import type { ImportIssue } from "@/lib/imports/import-types";
import { hasAnyField, readField } from "@/lib/imports/read-field";
import { readSourceRecords } from "@/lib/imports/read-source-records";
import type { LabelingSetFormat } from "@/lib/generated/prisma/enums";
import type { ParsedLabelingPair } from "@/lib/labeling/labeling-types";

const PREFERENCE_FIELD = ["preference_prompt"];

/**
 * Parse a labelling file: rollouts {instruction, input, preference_prompt, output_1,
 * output_2} or AlpacaFarm-style pairs without preference_prompt, as a JSON array, JSONL or
 * CSV. In a rollout file, an empty preference_prompt marks a neutral rollout, generated with
 * no preference prompt, but the field itself must be there. Every problem is reported with
 * its line and field; none is thrown.
 */
export function parseLabelingFile({ fileName, content }: { fileName: string; content: string }) {
  const source = readSourceRecords({ fileName, content });
  const format: LabelingSetFormat = hasAnyField(source.records, PREFERENCE_FIELD) ? "ROLLOUT" : "PAIRS";
  const errors: ImportIssue[] = [...source.errors];
  const pairs: ParsedLabelingPair[] = [];

  for (const record of source.records) {
    const location = { line: record.line, element: record.element };
    const read = (field: string, required: boolean): string | null => {
      const found = readField(record, [field]);
      if (!found) {
        if (required) {
          errors.push({ ...location, field, message: `"${field}" is missing or empty. Every ${format === "ROLLOUT" ? "rollout" : "pair"} needs it.` });
        }
        return required ? null : "";
      }
      if (typeof found.value !== "string") {
        errors.push({ ...location, field, message: `"${field}" must be a string, not ${typeof found.value}.` });
        return null;
      }
      return found.value;
    };

    const readPreferencePrompt = (): string | null => {
      if (hasAnyField([record], PREFERENCE_FIELD) && readField(record, PREFERENCE_FIELD) === null) {
        return "";
      }
      return read("preference_prompt", true);
    };

    const fields = {
      instruction: read("instruction", true),
      input: read("input", false),
      preferencePrompt: format === "ROLLOUT" ? readPreferencePrompt() : "",
      output1: read("output_1", true),
      output2: read("output_2", true),
    };
    if (Object.values(fields).some((value) => value === null)) {
      continue;
    }
    pairs.push({ ...location, ...(fields as { [K in keyof typeof fields]: string }) });
  }

  errors.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  return { fileFormat: source.format, format, rowsRead: source.rowCount, pairs, errors };
}
