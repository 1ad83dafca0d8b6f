import type { FileFormat } from "@/lib/imports/import-types";

/**
 * Decide how to read an uploaded file. The content decides where it is unambiguous: a file
 * starting with "[" is a JSON array and one starting with "{" is JSONL, unless a ".json" file
 * contains a single JSON object. Otherwise the extension decides, and anything else is CSV.
 */
export function detectFileFormat({ fileName, content }: { fileName: string; content: string }): FileFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  const firstCharacter = content.trimStart().charAt(0);

  if (firstCharacter === "[") {
    return "json";
  }
  if (firstCharacter === "{") {
    return extension === "json" && isSingleJsonValue(content) ? "json" : "jsonl";
  }

  if (extension === "json") {
    return "json";
  }
  if (extension === "jsonl" || extension === "ndjson") {
    return "jsonl";
  }
  return "csv";
}

function isSingleJsonValue(content: string): boolean {
  try {
    JSON.parse(content);
    return true;
  } catch {
    return false;
  }
}
