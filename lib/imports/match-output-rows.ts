import type {
  CombinationRef,
  DuplicateRow,
  ImportIssue,
  ParsedOutputRow,
  PromptRef,
  UnmatchedRow,
} from "@/lib/imports/import-types";
import { normalizeInstruction } from "@/lib/imports/normalize-instruction";
import { resolveCombination } from "@/lib/imports/resolve-combination";
import { textSimilarity } from "@/lib/imports/text-similarity";
import { toSnippet } from "@/lib/imports/to-snippet";

/** Similarity from which an unmatched row names the closest prompt as a hint. */
const CLOSEST_PROMPT_MIN_SIMILARITY = 0.6;
/** A prompt that starts another text (or the reverse) is a hint too, when at least this many characters long. */
const CLOSEST_PROMPT_MIN_PREFIX = 20;

export type MatchedOutputRow = { row: ParsedOutputRow; prompt: PromptRef; systemName: string; combination: CombinationRef | null };

export type OutputRowMatch = {
  /** Rows to store: matched to a prompt and neither repeated in the file nor stored before. */
  toStore: MatchedOutputRow[];
  duplicates: DuplicateRow[];
  unmatched: UnmatchedRow[];
  errors: ImportIssue[];
};

/** Build the key under which a response is unique: prompt, system and combination ("" for none). */
export function responseKey(promptId: string, systemName: string, combinationId: string | null): string {
  return JSON.stringify([promptId, systemName, combinationId ?? ""]);
}

/**
 * Pair output rows with prompts of one prompt set: by prompt id when the row has one, else by
 * normalized instruction text. A row that fits no prompt, or several, is reported as unmatched
 * and never paired by similarity. Rows whose prompt, system and combination repeat an earlier
 * row or a stored response (`storedKeys`, built with responseKey) are reported as duplicates.
 */
export function matchOutputRows({
  rows,
  prompts,
  combinations,
  systemOverride,
  storedKeys,
}: {
  rows: readonly ParsedOutputRow[];
  prompts: readonly PromptRef[];
  combinations: readonly CombinationRef[];
  systemOverride?: string;
  storedKeys: ReadonlySet<string>;
}): OutputRowMatch {
  const result: OutputRowMatch = { toStore: [], duplicates: [], unmatched: [], errors: [] };
  const promptsById = new Map(prompts.map((prompt) => [prompt.externalId, prompt]));
  const promptsByText = groupByNormalizedText(prompts);
  const findClosest = createClosestPromptFinder(prompts);
  const resolveCached = memoize((value: string) => resolveCombination(value, combinations));
  const firstLineByKey = new Map<string, number>();

  for (const row of rows) {
    const location = { line: row.line, element: row.element };

    const systemName = systemOverride?.trim() || row.system;
    if (!systemName) {
      result.errors.push({
        ...location,
        field: "system",
        message: 'Missing system name. Add a "generator" or "system" field to the row, or enter a system name in the upload form.',
      });
      continue;
    }

    let combination: CombinationRef | null = null;
    if (row.combination) {
      const resolved = resolveCached(row.combination);
      if ("error" in resolved) {
        result.errors.push({ ...location, field: "combination", message: resolved.error });
        continue;
      }
      combination = resolved.combination;
    }

    const found = findPrompt(row, promptsById, promptsByText);
    if ("reason" in found) {
      const closestPrompt = found.searchClosest ? findClosest(row.instruction ?? "") : undefined;
      result.unmatched.push({
        ...location,
        promptExternalId: row.promptExternalId,
        instructionSnippet: toSnippet(row.instruction ?? ""),
        reason: found.reason,
        closestPrompt,
      });
      continue;
    }

    const key = responseKey(found.prompt.id, systemName, combination?.id ?? null);
    const duplicate = { ...location, promptExternalId: found.prompt.externalId, system: systemName, combination: combination?.name ?? null };
    const firstLine = firstLineByKey.get(key);
    if (firstLine !== undefined) {
      result.duplicates.push({ ...duplicate, reason: "IN_FILE", firstLine });
      continue;
    }
    firstLineByKey.set(key, row.line);

    if (storedKeys.has(key)) {
      result.duplicates.push({ ...duplicate, reason: "STORED" });
      continue;
    }
    result.toStore.push({ row, prompt: found.prompt, systemName, combination });
  }

  return result;
}

function findPrompt(
  row: ParsedOutputRow,
  promptsById: Map<string, PromptRef>,
  promptsByText: Map<string, PromptRef[]>,
): { prompt: PromptRef } | { reason: string; searchClosest: boolean } {
  if (row.promptExternalId) {
    const prompt = promptsById.get(row.promptExternalId);
    return prompt
      ? { prompt }
      : { reason: `Prompt id "${row.promptExternalId}" is not in this prompt set.`, searchClosest: Boolean(row.instruction) };
  }

  const candidates = promptsByText.get(normalizeInstruction(row.instruction ?? "")) ?? [];
  if (candidates.length === 1) {
    return { prompt: candidates[0] };
  }
  if (candidates.length > 1) {
    const ids = candidates.map((prompt) => `"${prompt.externalId}"`).join(", ");
    return { reason: `The instruction fits prompts ${ids}, which have the same text. Add a "prompt_id" field to choose one.`, searchClosest: false };
  }
  return { reason: "No prompt of this set has this instruction.", searchClosest: true };
}

function groupByNormalizedText(prompts: readonly PromptRef[]): Map<string, PromptRef[]> {
  const groups = new Map<string, PromptRef[]>();
  for (const prompt of prompts) {
    const key = normalizeInstruction(prompt.text);
    groups.set(key, [...(groups.get(key) ?? []), prompt]);
  }
  return groups;
}

function createClosestPromptFinder(prompts: readonly PromptRef[]) {
  const normalized = prompts.map((prompt) => ({ prompt, text: normalizeInstruction(prompt.text) }));

  return (instruction: string): UnmatchedRow["closestPrompt"] => {
    const text = normalizeInstruction(instruction);
    let best: { prompt: PromptRef; similarity: number } | null = null;

    for (const candidate of normalized) {
      const isPrefix = isLongPrefix(text, candidate.text) || isLongPrefix(candidate.text, text);
      // Dice cannot exceed 2·min/(sum) of the bigram counts, so most candidates are skipped unscored.
      const bound = (2 * Math.min(text.length, candidate.text.length)) / (text.length + candidate.text.length);
      if (!isPrefix && bound < Math.max(CLOSEST_PROMPT_MIN_SIMILARITY, best?.similarity ?? 0)) {
        continue;
      }

      const similarity = textSimilarity(text, candidate.text);
      if ((isPrefix || similarity >= CLOSEST_PROMPT_MIN_SIMILARITY) && similarity > (best?.similarity ?? -1)) {
        best = { prompt: candidate.prompt, similarity };
      }
    }

    return best
      ? { externalId: best.prompt.externalId, textSnippet: toSnippet(best.prompt.text), similarity: Math.round(best.similarity * 100) / 100 }
      : undefined;
  };
}

function isLongPrefix(prefix: string, text: string): boolean {
  return prefix.length >= CLOSEST_PROMPT_MIN_PREFIX && text.startsWith(prefix);
}

function memoize<T>(compute: (value: string) => T): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    if (!cache.has(value)) {
      cache.set(value, compute(value));
    }
    return cache.get(value)!;
  };
}
