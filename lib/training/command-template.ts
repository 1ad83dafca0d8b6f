/** Placeholders a command or entrypoint template may contain, written as {name}. */
export const TEMPLATE_PLACEHOLDERS = ["dataset", "output", "spec", "job_id", "attempt", "kind", "base_model"] as const;

export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Record<TemplatePlaceholder, string>;

const PLACEHOLDER_PATTERN = /\{([a-z_]+)\}/g;

type Word = { text: string; quotedPlaceholder: string | null };

/**
 * Split an admin's command template into argv words. Whitespace separates words; single or
 * double quotes group a word and are removed; there are no escapes, variables or globs.
 * Throws an Error naming the problem for an empty template, an unclosed quote or an unknown
 * placeholder.
 */
export function splitCommandTemplate(template: string): string[] {
  return scanWords(template).map((word) => word.text);
}

/**
 * Substitute placeholder values into argv words. Each value stays inside the one word that
 * held its placeholder, whatever spaces or shell characters it contains.
 */
export function fillCommandTemplate(words: readonly string[], values: TemplateValues): string[] {
  return words.map((word) => word.replace(PLACEHOLDER_PATTERN, (_match, name: TemplatePlaceholder) => values[name]));
}

/**
 * Build a shell command line, such as a Ray entrypoint, from a template. The template's own
 * text is kept, so an admin may write `cd /code && python train.py`, but every substituted
 * value is single-quoted for POSIX shells. Throws when a placeholder sits inside quotes,
 * where the added quotes would become part of the value.
 */
export function renderShellCommand(template: string, values: TemplateValues): string {
  const quotedPlaceholder = scanWords(template).find((word) => word.quotedPlaceholder !== null)?.quotedPlaceholder;
  if (quotedPlaceholder) {
    throw new Error(`Placeholder {${quotedPlaceholder}} is inside quotes; write it unquoted, because Ladle quotes each value itself.`);
  }

  return template.replace(PLACEHOLDER_PATTERN, (_match, name: TemplatePlaceholder) => quoteForShell(values[name]));
}

/** Quote a value as one POSIX shell word. */
export function quoteForShell(value: string): string {
  return `'${value.replaceAll("'", `'"'"'`)}'`;
}

function scanWords(template: string): Word[] {
  const words: Word[] = [];
  let current: Word | null = null;
  let quote: string | null = null;

  for (let index = 0; index < template.length; index += 1) {
    const character = template[index];

    if (quote) {
      if (character === quote) {
        quote = null;
        continue;
      }
      if (character === "{") {
        const name = /^\{([a-z_]+)\}/.exec(template.slice(index))?.[1];
        if (name && isPlaceholder(name)) {
          current!.quotedPlaceholder ??= name;
        }
      }
      current!.text += character;
      continue;
    }

    if (/\s/.test(character)) {
      if (current) {
        words.push(current);
        current = null;
      }
      continue;
    }

    current ??= { text: "", quotedPlaceholder: null };
    if (character === "'" || character === '"') {
      quote = character;
      continue;
    }
    current.text += character;
  }

  if (quote) {
    throw new Error(`The template has an unclosed ${quote} quote; close it or remove it.`);
  }
  if (current) {
    words.push(current);
  }
  if (words.length === 0) {
    throw new Error("The template is empty; enter the program to run and its arguments.");
  }

  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    if (!isPlaceholder(match[1])) {
      throw new Error(`Unknown placeholder {${match[1]}}; use one of ${TEMPLATE_PLACEHOLDERS.map((name) => `{${name}}`).join(", ")}.`);
    }
  }
  return words;
}

function isPlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}
