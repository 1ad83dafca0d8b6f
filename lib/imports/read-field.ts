import type { SourceRecord } from "@/lib/imports/import-types";

/** Field names compare without case, spaces, "_" or "-", so "Prompt ID" and "prompt_id" are one name. */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

/**
 * Find the first of `aliases` that the record has with a value. Empty strings and null count
 * as absent, because CSV writes a missing value as an empty cell.
 */
export function readField(record: SourceRecord, aliases: readonly string[]): { name: string; value: unknown } | null {
  const byKey = new Map(Object.entries(record.fields).map(([name, value]) => [fieldKey(name), { name, value }]));

  for (const alias of aliases) {
    const field = byKey.get(fieldKey(alias));
    if (field && field.value !== null && field.value !== undefined && field.value !== "") {
      return field;
    }
  }
  return null;
}

/** Check whether any record has a field named like one of `aliases`, with or without a value. */
export function hasAnyField(records: readonly SourceRecord[], aliases: readonly string[]): boolean {
  const keys = new Set(aliases.map(fieldKey));
  return records.some((record) => Object.keys(record.fields).some((name) => keys.has(fieldKey(name))));
}
