import type { ImportIssue, SourceLocation } from "@/lib/imports/import-types";

/** Describe a location as "Line 12 (array element 3)" or "Line 12", or "" for the whole file. */
export function describeLocation({ line, element }: SourceLocation): string {
  if (line === undefined) {
    return "";
  }
  return element === undefined ? `Line ${line}` : `Line ${line} (array element ${element})`;
}

/** Describe one problem as a sentence that starts with its location, for messages outside a table. */
export function describeImportIssue(issue: ImportIssue): string {
  const location = describeLocation(issue);
  return location ? `${location}: ${issue.message}` : issue.message;
}
