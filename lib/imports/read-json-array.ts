import type { ImportIssue, RecordReader, SourceRecord } from "@/lib/imports/import-types";
import { describeJsonValue, isPlainObject } from "@/lib/imports/json-values";
import { createLineIndex } from "@/lib/imports/line-index";

/** Read a JSON array of objects, locating each element by its line and array index. */
export const readJsonArray: RecordReader = (text) => {
  const lineAt = createLineIndex(text);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      rowCount: 0,
      records: [],
      errors: [
        {
          line: syntaxErrorLine(text, reason, lineAt),
          message: `Invalid JSON: ${reason}. Fix the syntax on this line or the one before it (often a missing comma, bracket or quote) and upload again.`,
        },
      ],
    };
  }

  if (!Array.isArray(value)) {
    return {
      rowCount: 0,
      records: [],
      errors: [
        {
          line: 1,
          message: `The file contains a JSON ${describeJsonValue(value)}, but it must be a JSON array of objects such as [{"id": "1", "prompt": "..."}]. For one object per line, use a .jsonl file.`,
        },
      ],
    };
  }

  const elementOffsets = locateArrayElements(text);
  const records: SourceRecord[] = [];
  const errors: ImportIssue[] = [];
  value.forEach((element: unknown, index) => {
    const line = lineAt(elementOffsets[index] ?? 0);
    if (!isPlainObject(element)) {
      errors.push({
        line,
        element: index,
        message: `Array element ${index} is a JSON ${describeJsonValue(element)}, but every element must be an object such as {"id": "1", "prompt": "..."}.`,
      });
      return;
    }
    records.push({ line, element: index, fields: element });
  });

  return { rowCount: value.length, records, errors };
};

/**
 * Offsets at which the elements of the top-level array start. Only called on text that
 * JSON.parse accepted, so brackets and strings are balanced.
 */
function locateArrayElements(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectingElement = false;

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];

    if (inString) {
      if (character === "\\") {
        index += 1;
      } else if (character === '"') {
        inString = false;
      }
      continue;
    }

    if (character === " " || character === "\n" || character === "\r" || character === "\t") {
      continue;
    }

    if (depth === 1 && expectingElement && character !== "]") {
      offsets.push(index);
      expectingElement = false;
    }

    if (character === '"') {
      inString = true;
    } else if (character === "[" || character === "{") {
      depth += 1;
      if (depth === 1) {
        expectingElement = true;
      }
    } else if (character === "]" || character === "}") {
      depth -= 1;
    } else if (character === "," && depth === 1) {
      expectingElement = true;
    }
  }
  return offsets;
}

/** V8 reports "at position N" (and, from Node 22, "line N column M"); a truncated file fails at its end. */
function syntaxErrorLine(text: string, reason: string, lineAt: (offset: number) => number): number {
  const lineMatch = /line (\d+) column/.exec(reason);
  if (lineMatch) {
    return Number(lineMatch[1]);
  }

  const positionMatch = /position (\d+)/.exec(reason);
  if (positionMatch) {
    return lineAt(Number(positionMatch[1]));
  }
  return lineAt(text.trimEnd().length);
}
