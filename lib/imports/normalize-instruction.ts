/** Named HTML entities seen in scraped prompt text; numeric entities are decoded generally. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
};

/**
 * Reduce an instruction to a form in which two copies of the same prompt compare equal.
 * HTML entities are decoded (&amp; to &), and a literal backslash followed by n, r or t counts
 * as whitespace. The text is lowercased, every character other than a letter, digit or mark
 * becomes a space, and runs of spaces collapse to one.
 */
export function normalizeInstruction(text: string): string {
  return decodeHtmlEntities(text)
    .normalize("NFKC")
    .replace(/\\[nrt]/g, " ")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith("#")) {
      const codePoint = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
