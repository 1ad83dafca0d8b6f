import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { detectFileFormat } from "@/lib/imports/detect-file-format";
import { parseOutputFile } from "@/lib/imports/parse-output-file";
import { parsePromptFile } from "@/lib/imports/parse-prompt-file";

const SHARED_DATA = path.resolve(process.cwd(), "../shared/data");
const FIXTURES = path.resolve(process.cwd(), "tests/fixtures/imports");
const ALPACAEVAL_SYSTEMS = [
  "gpt4_0613",
  "gpt4_0613_concise",
  "gpt4_0613_verbose",
  "alpaca-7b",
  "alpaca-7b_concise",
  "alpaca-7b_verbose",
  "tulu-2-dpo-7b",
  "tulu-2-dpo-70b",
  "llama-2-7b-chat-hf",
];

function sharedFile(name: string) {
  return { fileName: path.basename(name), content: readFileSync(path.join(SHARED_DATA, name), "utf8") };
}

function fixture(name: string) {
  return { fileName: name, content: readFileSync(path.join(FIXTURES, name), "utf8") };
}

describe("parsePromptFile on the real prompt files", () => {
  it("reads koala_eval_50.json with its ids", () => {
    const parsed = parsePromptFile(sharedFile("koala_eval_50.json"));

    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe("json");
    expect(parsed.rowsRead).toBe(50);
    expect(parsed.idSource).toBe("file");
    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(Array.from({ length: 50 }, (_, index) => String(index)));
    expect(parsed.prompts[0].text).toBe("List the layers of the TCP/IP model and for each layer identify one protocol.");
  });

  it("keeps the literal backslash-n and &amp; as stored text", () => {
    const prompts = parsePromptFile(sharedFile("koala_eval_50.json")).prompts;

    expect(prompts[8].text).toContain("they are:\\nMicrosoft");
    expect(prompts[43].text).toContain("https://mnsw.pro/\\nIt doesnt work");
    expect(prompts[44].text).toContain("top sales person &amp; closing expert");
  });

  it("reads koala_test_set.jsonl line by line", () => {
    const parsed = parsePromptFile(sharedFile("koala_test_set.jsonl"));

    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe("jsonl");
    expect(parsed.prompts).toHaveLength(180);
    expect(parsed.prompts[0]).toMatchObject({ line: 1, externalId: "koala_0" });
    expect(parsed.prompts[179]).toMatchObject({ line: 180, externalId: "koala_179" });
  });
});

describe("parseOutputFile on the real AlpacaEval files", () => {
  it.each(ALPACAEVAL_SYSTEMS)("reads %s.json", (system) => {
    const parsed = parseOutputFile(sharedFile(`alpacaeval-koala/${system}.json`));

    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe("json");
    expect(parsed.rowsRead).toBe(156);
    expect(parsed.rows).toHaveLength(156);
    expect(new Set(parsed.rows.map((row) => row.system))).toEqual(new Set([system]));
    expect(parsed.rows.every((row) => row.promptExternalId === undefined && row.combination === undefined)).toBe(true);
  });

  it("locates each array element by its first line", () => {
    const rows = parseOutputFile(sharedFile("alpacaeval-koala/gpt4_0613.json")).rows;

    // The file opens with "[" and writes each element over six lines.
    expect(rows[0]).toMatchObject({ line: 2, element: 0 });
    expect(rows[1]).toMatchObject({ line: 8, element: 1 });
    expect(rows[155]).toMatchObject({ line: 932, element: 155 });
  });

  it("keeps instruction and output text exactly", () => {
    const content = sharedFile("alpacaeval-koala/gpt4_0613.json");
    const original = JSON.parse(content.content) as { instruction: string; output: string }[];
    const rows = parseOutputFile(content).rows;

    expect(rows[0].instruction).toBe(original[0].instruction);
    expect(rows[0].output).toBe(original[0].output);
    expect(rows[155].output).toBe(original[155].output);
  });

  it("rejects the annotations file, which has no output field", () => {
    const parsed = parseOutputFile(sharedFile("alpacaeval-koala/annotations_alpaca_eval_gpt4_tulu-2-dpo-70b.json"));

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].field).toBe("output");
    expect(parsed.errors[0].message).toContain('"output_1"');
  });
});

describe("parsePromptFile on bad input", () => {
  it("reports malformed JSON with its line", () => {
    const parsed = parsePromptFile(fixture("malformed.json"));

    expect(parsed.prompts).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].line).toBe(4);
    expect(parsed.errors[0].message).toMatch(/^Invalid JSON: .*Fix the syntax/);
  });

  it("reports a truncated JSON array at its last line", () => {
    const parsed = parsePromptFile({ fileName: "cut.json", content: '[\n  {"id": "1", "prompt": "What is TCP?"},\n  {"id": "2", "pro' });

    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].line).toBe(3);
  });

  it("reports a malformed JSONL line and keeps the others", () => {
    const parsed = parsePromptFile(fixture("malformed.jsonl"));

    expect(parsed.rowsRead).toBe(3);
    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["1", "3"]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].line).toBe(2);
    expect(parsed.errors[0].message).toContain("Invalid JSON on this line");
  });

  it("reports malformed CSV quoting by line", () => {
    const parsed = parsePromptFile(fixture("malformed.csv"));

    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["1", "3"]);
    expect(parsed.errors.map((error) => error.line)).toEqual([3, 5]);
    expect(parsed.errors[0].message).toContain("Malformed CSV");
    expect(parsed.errors[1].message).toContain("quoted field unterminated");
  });

  it("reports a CSV row with too many values", () => {
    const parsed = parsePromptFile({ fileName: "prompts.csv", content: "id,prompt\n1,Compare TCP, UDP and QUIC\n2,What is IP?\n" });

    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["2"]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].line).toBe(2);
    expect(parsed.errors[0].message).toContain("3 values but the header has 2 columns");
  });

  it("reports missing fields per row", () => {
    const parsed = parsePromptFile(fixture("missing-fields.json"));

    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["1"]);
    expect(parsed.errors.map(({ line, element, field }) => ({ line, element, field }))).toEqual([
      { line: 3, element: 1, field: "prompt" },
      { line: 4, element: 2, field: "id" },
      { line: 5, element: 3, field: "prompt" },
    ]);
  });

  it("reports a file without any prompt field once", () => {
    const parsed = parsePromptFile({ fileName: "prompts.csv", content: "id,question\n1,What is TCP?\n2,What is UDP?\n" });

    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 2, field: "prompt" });
    expect(parsed.errors[0].message).toContain('found "id", "question"');
  });

  it("ignores a UTF-8 byte-order mark", () => {
    const parsed = parsePromptFile(fixture("bom.csv"));

    expect(fixture("bom.csv").content.charCodeAt(0)).toBe(0xfeff);
    expect(parsed.errors).toEqual([]);
    expect(parsed.idSource).toBe("file");
    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["1", "2"]);
  });

  it("ignores a byte-order mark before JSON", () => {
    const parsed = parsePromptFile({ fileName: "prompts.json", content: '\uFEFF[{"id": 7, "prompt": "What is TCP?"}]' });

    expect(parsed.errors).toEqual([]);
    expect(parsed.prompts[0].externalId).toBe("7");
  });

  it("keeps quoted newlines in CSV and locates rows by starting line", () => {
    const parsed = parsePromptFile(fixture("quoted-newlines.csv"));

    expect(parsed.errors).toEqual([]);
    expect(parsed.prompts).toEqual([
      { line: 2, externalId: "1", text: "Rank these companies:\nMicrosoft, Google, Sony." },
      { line: 4, externalId: "2", text: 'Write a haiku\n\nabout "rain".' },
      { line: 7, externalId: "3", text: "Plain prompt" },
    ]);
  });

  it("reports a duplicate id naming both lines", () => {
    const parsed = parsePromptFile(fixture("duplicate-ids.jsonl"));

    expect(parsed.prompts.map((prompt) => prompt.externalId)).toEqual(["1", "2"]);
    expect(parsed.duplicateIds).toBe(1);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 4, field: "id" });
    expect(parsed.errors[0].message).toContain('Duplicate prompt id "1": line 1 already uses it');
  });

  it("reports an empty file", () => {
    const parsed = parsePromptFile(fixture("empty.json"));

    expect(parsed.prompts).toEqual([]);
    expect(parsed.errors).toEqual([{ message: "The file empty.json is empty. Choose a file that contains at least one row." }]);
  });

  it("reports a whitespace-only file as empty", () => {
    const parsed = parsePromptFile({ fileName: "prompts.jsonl", content: "\uFEFF\n  \n" });

    expect(parsed.errors[0].message).toContain("is empty");
  });

  it("reports a CSV with only a header", () => {
    const parsed = parsePromptFile({ fileName: "prompts.csv", content: "id,prompt\n" });

    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].message).toContain("contains no rows");
  });

  it("reports an empty JSON array", () => {
    const parsed = parsePromptFile({ fileName: "prompts.json", content: "[]" });

    expect(parsed.errors[0].message).toContain("contains no rows");
  });

  it("rejects a JSON object in place of an array", () => {
    const parsed = parsePromptFile({ fileName: "prompts.json", content: '{\n  "prompts": []\n}' });

    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0].message).toContain("must be a JSON array of objects");
  });

  it("rejects a JSON array element that is not an object", () => {
    const parsed = parsePromptFile({ fileName: "prompts.json", content: '[\n  {"prompt": "What is TCP?"},\n  "What is UDP?"\n]' });

    expect(parsed.prompts).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 3, element: 1 });
    expect(parsed.errors[0].message).toContain("is a JSON string");
  });
});

describe("parsePromptFile ids and field names", () => {
  it("numbers prompts by row from 1 when the file has no ids", () => {
    const parsed = parsePromptFile({ fileName: "prompts.csv", content: "instruction\nWhat is TCP?\n\nWhat is UDP?\n" });

    expect(parsed.idSource).toBe("row-number");
    expect(parsed.prompts).toEqual([
      { line: 2, externalId: "1", text: "What is TCP?" },
      { line: 4, externalId: "2", text: "What is UDP?" },
    ]);
  });

  it("accepts prompt_id and text field names in any case", () => {
    const parsed = parsePromptFile({ fileName: "prompts.jsonl", content: '{"Prompt_ID": 12, "Text": "What is TCP?"}\n' });

    expect(parsed.errors).toEqual([]);
    expect(parsed.prompts[0]).toMatchObject({ externalId: "12", text: "What is TCP?" });
  });

  it("rejects a prompt text that is not a string", () => {
    const parsed = parsePromptFile({ fileName: "prompts.jsonl", content: '{"id": "1", "prompt": ["What is TCP?"]}\n' });

    expect(parsed.errors[0]).toMatchObject({ line: 1, field: "prompt" });
    expect(parsed.errors[0].message).toContain("is a JSON array, but the prompt text must be a string");
  });

  it("reads tab-separated files", () => {
    const parsed = parsePromptFile({ fileName: "prompts.tsv", content: "id\tprompt\n1\tWhat is TCP, and why?\n" });

    expect(parsed.errors).toEqual([]);
    expect(parsed.prompts[0].text).toBe("What is TCP, and why?");
  });
});

describe("parseOutputFile rows", () => {
  it("reads CSV rows with prompt id, system and combination", () => {
    const parsed = parseOutputFile(fixture("outputs.csv"));

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, promptExternalId: "1", system: "soup-7b", combination: "AAA", output: "TCP is a protocol,\nwith a second line." },
      { line: 4, promptExternalId: "2", system: "soup-7b", combination: "P1A+P2B+P3A", output: "UDP is connectionless." },
      { line: 5, promptExternalId: "9", system: "soup-7b", output: "No prompt 9 in the set." },
    ]);
  });

  it("reports a row with an empty output", () => {
    const parsed = parseOutputFile({ fileName: "outputs.jsonl", content: '{"prompt_id": "1", "output": "Fine."}\n{"prompt_id": "2", "output": "  "}\n' });

    expect(parsed.rows).toHaveLength(1);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 2, field: "output" });
  });

  it("reports a row with neither prompt id nor instruction", () => {
    const parsed = parseOutputFile({ fileName: "outputs.json", content: '[{"generator": "x", "output": "Fine."}]' });

    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 1, element: 0, field: "instruction" });
  });
});

describe("detectFileFormat", () => {
  it.each([
    ["prompts.json", '[{"prompt": "x"}]', "json"],
    ["prompts.txt", '[{"prompt": "x"}]', "json"],
    ["prompts.json", '{"prompt": "x"}\n{"prompt": "y"}', "jsonl"],
    ["prompts.json", '{"prompts": []}', "json"],
    ["prompts.jsonl", '{"prompt": "x"}', "jsonl"],
    ["prompts.ndjson", "", "jsonl"],
    ["prompts.csv", "id,prompt\n1,x", "csv"],
    ["prompts", "prompt\nx", "csv"],
  ] as const)("detects %s starting %j as %s", (fileName, content, format) => {
    expect(detectFileFormat({ fileName, content })).toBe(format);
  });
});

describe("readSourceRecords guards", () => {
  it("reports a NUL character instead of reading the row", () => {
    const parsed = parseOutputFile({ fileName: "outputs.jsonl", content: '{"prompt_id": "1", "output": "ok"}\n{"prompt_id": "2", "output": "bad\\u0000byte"}\n' });

    expect(parsed.rows.map((row) => row.promptExternalId)).toEqual(["1"]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 2, field: "output" });
    expect(parsed.errors[0].message).toContain("NUL character");
  });
});
