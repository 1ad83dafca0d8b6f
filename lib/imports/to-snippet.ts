const DEFAULT_SNIPPET_LENGTH = 120;

/** Shorten text for a report table: whitespace collapsed, cut with an ellipsis past `maxLength` characters. */
export function toSnippet(text: string, maxLength = DEFAULT_SNIPPET_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
