import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import type { CombinationRef, ParsedOutputRow, PromptRef } from "@/lib/imports/import-types";
import { matchOutputRows, responseKey } from "@/lib/imports/match-output-rows";
import { normalizeInstruction } from "@/lib/imports/normalize-instruction";
import { parseOutputFile } from "@/lib/imports/parse-output-file";
import { parsePromptFile } from "@/lib/imports/parse-prompt-file";
import { resolveCombination } from "@/lib/imports/resolve-combination";
import { textSimilarity } from "@/lib/imports/text-similarity";

const SHARED_DATA = path.resolve(process.cwd(), "../shared/data");

function readShared(name: string) {
  return { fileName: path.basename(name), content: readFileSync(path.join(SHARED_DATA, name), "utf8") };
}

function koalaEvalPrompts(): PromptRef[] {
  return parsePromptFile(readShared("koala_eval_50.json")).prompts.map((prompt) => ({
    id: `prompt-${prompt.externalId}`,
    externalId: prompt.externalId,
    text: prompt.text,
  }));
}

const COMBINATIONS: CombinationRef[] = [
  { id: "c-aaa", name: "AAA", sideKeys: "P1A+P2A+P3A" },
  { id: "c-aba", name: "ABA", sideKeys: "P1A+P2B+P3A" },
  { id: "c-bbb", name: "BBB", sideKeys: "P1B+P2B+P3B" },
];

const PROMPTS: PromptRef[] = [
  { id: "p1", externalId: "1", text: "What is TCP?" },
  { id: "p2", externalId: "2", text: "Explain UDP &amp; QUIC." },
];

function row(fields: Partial<ParsedOutputRow> & { line: number }): ParsedOutputRow {
  return { output: "A response.", system: "soup-7b", ...fields };
}

describe("normalizeInstruction", () => {
  it("lowercases and turns punctuation into single spaces", () => {
    expect(normalizeInstruction("  List the layers of the TCP/IP model -- and  one protocol! ")).toBe(
      "list the layers of the tcp ip model and one protocol",
    );
  });

  it("decodes HTML entities", () => {
    expect(normalizeInstruction("sales person &amp; closing expert")).toBe(normalizeInstruction("sales person & closing expert"));
    expect(normalizeInstruction("it&#39;s &quot;fine&quot; &#x2014; ok")).toBe("it s fine ok");
  });

  it("reads a literal backslash-n as whitespace", () => {
    expect(normalizeInstruction("they are:\\nMicrosoft")).toBe("they are microsoft");
    expect(normalizeInstruction("they are:\\nMicrosoft")).toBe(normalizeInstruction("they are:\nMicrosoft"));
  });

  it("keeps letters and digits of any script", () => {
    expect(normalizeInstruction("Café № 5 — 東京?")).toBe("café no 5 東京");
  });

  it("pairs koala_eval_50 ids 8 and 43 with their AlpacaEval instructions", () => {
    const prompts = parsePromptFile(readShared("koala_eval_50.json")).prompts;
    const instructions = new Set(parseOutputFile(readShared("alpacaeval-koala/gpt4_0613.json")).rows.map((output) => normalizeInstruction(output.instruction!)));

    expect(instructions.has(normalizeInstruction(prompts[8].text))).toBe(true);
    expect(instructions.has(normalizeInstruction(prompts[43].text))).toBe(true);
    expect(instructions.has(normalizeInstruction(prompts[44].text))).toBe(true);
  });
});

describe("textSimilarity", () => {
  it("is 1 for equal and 0 for unrelated text", () => {
    expect(textSimilarity("is a banana a fruit", "is a banana a fruit")).toBe(1);
    expect(textSimilarity("abc", "xyz")).toBe(0);
  });

  it("scores a one-letter typo high", () => {
    expect(textSimilarity("is a bannana a fruit or a herb", "is a banana a fruit or a herb")).toBeGreaterThan(0.9);
  });
});

describe("resolveCombination", () => {
  it("finds a combination by name or side keys", () => {
    expect(resolveCombination("aba", COMBINATIONS)).toEqual({ combination: COMBINATIONS[1] });
    expect(resolveCombination("P1A + P2B + P3A", COMBINATIONS)).toEqual({ combination: COMBINATIONS[1] });
  });

  it("names the value and the valid ones when unknown", () => {
    const result = resolveCombination("ABX", COMBINATIONS);

    expect(result).toHaveProperty("error");
    const { error } = result as { error: string };
    expect(error).toContain('Unknown combination "ABX"');
    expect(error).toContain("AAA (P1A+P2A+P3A), ABA (P1A+P2B+P3A), BBB (P1B+P2B+P3B)");
  });

  it("rejects a name shared by two combinations", () => {
    const result = resolveCombination("AA", [
      { id: "x", name: "AA", sideKeys: "P1A+P2A" },
      { id: "y", name: "AA", sideKeys: "P1A+P4A" },
    ]);

    expect((result as { error: string }).error).toContain("is ambiguous: it names P1A+P2A, P1A+P4A");
  });
});

describe("matchOutputRows", () => {
  it("matches koala_eval_50 against gpt4_0613 by normalized instruction", () => {
    const prompts = koalaEvalPrompts();
    const rows = parseOutputFile(readShared("alpacaeval-koala/gpt4_0613.json")).rows;

    const match = matchOutputRows({ rows, prompts, combinations: COMBINATIONS, storedKeys: new Set() });

    // 39 prompts equal an instruction after lowercasing and removing punctuation. Ids 8 and 43
    // match too once their literal backslash-n counts as whitespace, so 41 of 156 rows match.
    expect(match.errors).toEqual([]);
    expect(match.toStore).toHaveLength(41);
    expect(match.unmatched).toHaveLength(115);
    expect(match.duplicates).toEqual([]);

    const answered = new Set(match.toStore.map((matched) => matched.prompt.externalId));
    const unanswered = prompts.filter((prompt) => !answered.has(prompt.externalId)).map((prompt) => prompt.externalId);
    expect(unanswered).toEqual(["2", "3", "4", "7", "16", "21", "31", "41", "48"]);
    expect(answered.has("8")).toBe(true);
    expect(answered.has("43")).toBe(true);
    expect(answered.has("44")).toBe(true);
  });

  it("names the closest prompt of a near miss but leaves it unmatched", () => {
    const match = matchOutputRows({
      rows: parseOutputFile(readShared("alpacaeval-koala/gpt4_0613.json")).rows,
      prompts: koalaEvalPrompts(),
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    const hinted = match.unmatched.filter((unmatched) => unmatched.closestPrompt);
    const hints = new Map(hinted.map((unmatched) => [unmatched.closestPrompt!.externalId, unmatched]));
    expect(hinted).toHaveLength(7);
    // Typo fixes (16, 31, 41), removed style requests (2, 4) and shortened prompts (7, 21).
    expect([...hints.keys()].sort((left, right) => Number(left) - Number(right))).toEqual(["2", "4", "7", "16", "21", "31", "41"]);
    expect(hints.get("41")!.instructionSnippet).toBe("is a bannana a fruit or a herb");
    expect(hints.get("41")!.closestPrompt!.similarity).toBeGreaterThan(0.9);
    expect(hints.get("41")!.reason).toBe("No prompt of this set has this instruction.");
    expect(match.toStore.some((matched) => matched.prompt.externalId === "41")).toBe(false);
  });

  it("matches by prompt id before text", () => {
    const match = matchOutputRows({
      rows: [row({ line: 2, promptExternalId: "2", instruction: "What is TCP?" })],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.toStore.map((matched) => matched.prompt.id)).toEqual(["p2"]);
  });

  it("reports an unknown prompt id as unmatched", () => {
    const match = matchOutputRows({
      rows: [row({ line: 3, promptExternalId: "99" })],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.toStore).toEqual([]);
    expect(match.unmatched).toEqual([{ line: 3, element: undefined, promptExternalId: "99", instructionSnippet: "", reason: 'Prompt id "99" is not in this prompt set.', closestPrompt: undefined }]);
  });

  it("reports an unknown instruction as unmatched", () => {
    const match = matchOutputRows({
      rows: [row({ line: 4, instruction: "Write a poem about autumn." })],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.unmatched).toHaveLength(1);
    expect(match.unmatched[0]).toMatchObject({ line: 4, instructionSnippet: "Write a poem about autumn.", closestPrompt: undefined });
  });

  it("leaves text shared by two prompts unmatched", () => {
    const match = matchOutputRows({
      rows: [row({ line: 2, instruction: "what is tcp" })],
      prompts: [...PROMPTS, { id: "p3", externalId: "3", text: "What is TCP" }],
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.toStore).toEqual([]);
    expect(match.unmatched[0].reason).toContain('fits prompts "1", "3"');
  });

  it("resolves combinations and rejects unknown ones", () => {
    const match = matchOutputRows({
      rows: [
        row({ line: 2, promptExternalId: "1", combination: "ABA" }),
        row({ line: 3, promptExternalId: "1", combination: "P1B+P2B+P3B" }),
        row({ line: 4, promptExternalId: "1", combination: "XYZ" }),
      ],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.toStore.map((matched) => matched.combination?.id)).toEqual(["c-aba", "c-bbb"]);
    expect(match.errors).toHaveLength(1);
    expect(match.errors[0]).toMatchObject({ line: 4, field: "combination" });
    expect(match.errors[0].message).toContain('Unknown combination "XYZ"');
  });

  it("lets the form's system name override the file's", () => {
    const match = matchOutputRows({
      rows: [row({ line: 2, promptExternalId: "1", system: "from-file" }), row({ line: 3, promptExternalId: "2", system: undefined })],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      systemOverride: "from-form",
      storedKeys: new Set(),
    });

    expect(match.toStore.map((matched) => matched.systemName)).toEqual(["from-form", "from-form"]);
  });

  it("requires a system name from the row or the form", () => {
    const match = matchOutputRows({
      rows: [row({ line: 2, promptExternalId: "1", system: undefined })],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set(),
    });

    expect(match.errors[0]).toMatchObject({ line: 2, field: "system" });
  });

  it("reports duplicates in the file and in storage", () => {
    const match = matchOutputRows({
      rows: [
        row({ line: 2, promptExternalId: "1" }),
        row({ line: 3, instruction: "what is TCP" }),
        row({ line: 4, promptExternalId: "2" }),
        row({ line: 5, promptExternalId: "2", combination: "AAA" }),
      ],
      prompts: PROMPTS,
      combinations: COMBINATIONS,
      storedKeys: new Set([responseKey("p2", "soup-7b", null)]),
    });

    expect(match.toStore.map((matched) => matched.row.line)).toEqual([2, 5]);
    expect(match.duplicates).toEqual([
      { line: 3, element: undefined, promptExternalId: "1", system: "soup-7b", combination: null, reason: "IN_FILE", firstLine: 2 },
      { line: 4, element: undefined, promptExternalId: "2", system: "soup-7b", combination: null, reason: "STORED" },
    ]);
  });
});
