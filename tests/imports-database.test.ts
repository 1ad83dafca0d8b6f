import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/assert-role";
import { importPromptSet } from "@/lib/imports/import-prompt-set";
import { importResponses } from "@/lib/imports/import-responses";
import { previewPromptImport } from "@/lib/imports/preview-prompt-import";
import { previewResponseImport } from "@/lib/imports/preview-response-import";

const SHARED_DATA = path.resolve(process.cwd(), "../shared/data");
const KOALA_EVAL_50 = { fileName: "koala_eval_50.json", content: readFileSync(path.join(SHARED_DATA, "koala_eval_50.json"), "utf8") };
const GPT4_0613 = { fileName: "gpt4_0613.json", content: readFileSync(path.join(SHARED_DATA, "alpacaeval-koala/gpt4_0613.json"), "utf8") };
const ALPACA_7B = { fileName: "alpaca-7b.json", content: readFileSync(path.join(SHARED_DATA, "alpacaeval-koala/alpaca-7b.json"), "utf8") };

const suffix = randomUUID().slice(0, 8);
let admin: Actor;
let researcher: Actor;
let crowdworker: Actor;
/** Side keys of a combination made for this file, so that names seeded elsewhere cannot collide. */
let combinationSideKeys: string;

function uniqueName(label: string): string {
  return `${label}-${suffix}-${randomUUID().slice(0, 6)}`;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function importKoalaPromptSet(): Promise<string> {
  const report = await importPromptSet({ actor: admin, ...KOALA_EVAL_50, name: uniqueName("koala-eval") });
  return report.promptSetId!;
}

function responseCount(promptSetId: string, systemName?: string) {
  return db.response.count({ where: { prompt: { promptSetId }, ...(systemName ? { system: { name: systemName } } : {}) } });
}

beforeAll(async () => {
  const users = await Promise.all(
    (["ADMIN", "RESEARCHER", "CROWDWORKER"] as const).map((role) =>
      db.user.create({ data: { role, email: `${role.toLowerCase()}-imports-${suffix}@example.test` }, select: { id: true, role: true } }),
    ),
  );
  [admin, researcher, crowdworker] = users;

  const dimensionKey = `T${suffix}`;
  const dimension = await db.dimension.create({ data: { key: dimensionKey, name: "Test dimension", position: 90 } });
  const side = await db.side.create({
    data: {
      dimensionId: dimension.id,
      key: `${dimensionKey}A`,
      letter: "A",
      shortName: "test",
      generationPrompt: "Generate a test response.",
      judgeCriterion: "Choose the test response.",
      workerDescription: "wants test responses",
    },
  });
  combinationSideKeys = side.key;
  await db.combination.create({ data: { sideKeys: side.key, name: "A", sides: { create: [{ sideId: side.id, position: 0 }] } } });
});

describe("importPromptSet", () => {
  it("previews koala_eval_50.json without storing", async () => {
    const name = uniqueName("koala-preview");

    const report = await previewPromptImport({ actor: admin, ...KOALA_EVAL_50, name });

    expect(report).toMatchObject({ format: "json", rowsRead: 50, promptCount: 50, idSource: "file", duplicateIds: 0, errors: [] });
    expect(report.sample[0]).toEqual({ externalId: "0", textSnippet: "List the layers of the TCP/IP model and for each layer identify one protocol." });
    expect(await db.promptSet.count({ where: { name } })).toBe(0);
  });

  it("stores koala_eval_50.json with its prompts and batch", async () => {
    const name = uniqueName("koala-import");

    const report = await importPromptSet({ actor: admin, ...KOALA_EVAL_50, name });

    const promptSet = await db.promptSet.findUniqueOrThrow({ where: { name }, include: { prompts: { orderBy: { position: "asc" } } } });
    expect(report.promptSetId).toBe(promptSet.id);
    expect(promptSet.sourceFileName).toBe("koala_eval_50.json");
    expect(promptSet.prompts).toHaveLength(50);
    expect(promptSet.prompts[8]).toMatchObject({ externalId: "8", position: 8 });
    expect(promptSet.prompts[8].text).toContain("they are:\\nMicrosoft");

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: report.importBatchId } });
    expect(batch).toMatchObject({ kind: "PROMPT_SET", fileName: "koala_eval_50.json", rowsRead: 50, rowsStored: 50, createdById: admin.id });
  });

  it("rejects a taken name", async () => {
    const name = uniqueName("koala-taken");
    await importPromptSet({ actor: admin, ...KOALA_EVAL_50, name });

    const preview = await previewPromptImport({ actor: admin, ...KOALA_EVAL_50, name });
    const error = await rejection(importPromptSet({ actor: admin, ...KOALA_EVAL_50, name }));

    expect(preview.errors[0]).toMatchObject({ field: "name" });
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(`A prompt set named "${name}" already exists. Choose another name.`);
    expect(await db.promptSet.count({ where: { name } })).toBe(1);
  });

  it("stores one set when two imports race for a name", async () => {
    const name = uniqueName("koala-race");

    const results = await Promise.allSettled([
      importPromptSet({ actor: admin, ...KOALA_EVAL_50, name }),
      importPromptSet({ actor: admin, ...KOALA_EVAL_50, name }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = results.find((result) => result.status === "rejected")!;
    expect((failure.reason as AppError).code).toBe("CONFLICT");
    expect(await db.prompt.count({ where: { promptSet: { name } } })).toBe(50);
  });

  it("stores nothing from a file with duplicate ids", async () => {
    const name = uniqueName("duplicate-ids");
    const content = '{"id": "1", "prompt": "What is TCP?"}\n{"id": "2", "prompt": "What is UDP?"}\n{"id": "1", "prompt": "What is QUIC?"}\n';

    const error = await rejection(importPromptSet({ actor: admin, fileName: "prompts.jsonl", content, name }));

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain('Line 3: Duplicate prompt id "1": line 1 already uses it.');
    expect(await db.promptSet.count({ where: { name } })).toBe(0);
  });

  it("stores a CSV without ids numbered by row", async () => {
    const name = uniqueName("csv-rows");
    const content = '\uFEFFinstruction\n"Rank these:\nA, B, C."\nWhat is UDP?\n';

    const report = await importPromptSet({ actor: admin, fileName: "prompts.csv", content, name });

    const prompts = await db.prompt.findMany({ where: { promptSetId: report.promptSetId }, orderBy: { position: "asc" } });
    expect(prompts.map(({ externalId, text }) => ({ externalId, text }))).toEqual([
      { externalId: "1", text: "Rank these:\nA, B, C." },
      { externalId: "2", text: "What is UDP?" },
    ]);
  });
});

describe("importResponses", () => {
  it("matches gpt4_0613.json to koala_eval_50 with the real counts", async () => {
    const promptSetId = await importKoalaPromptSet();
    const systemName = uniqueName("gpt4_0613");

    const preview = await previewResponseImport({ actor: admin, ...GPT4_0613, promptSetId, systemName });

    // 39 exact matches plus ids 8 and 43, whose literal backslash-n reads as whitespace.
    expect(preview).toMatchObject({ format: "json", rowsRead: 156, matched: 41, toStore: 41, promptsWithoutResponse: 9, errors: [], duplicates: [] });
    expect(preview.unmatched).toHaveLength(115);
    expect(preview.systems).toEqual([{ name: systemName, isNew: true }]);
    expect(await responseCount(promptSetId)).toBe(0);

    const report = await importResponses({ actor: admin, ...GPT4_0613, promptSetId, systemName });

    expect(report).toMatchObject({ rowsRead: 156, matched: 41, stored: 41 });
    expect(await responseCount(promptSetId, systemName)).toBe(41);
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: report.importBatchId }, include: { _count: { select: { responses: true } } } });
    expect(batch).toMatchObject({ kind: "RESPONSES", fileName: "gpt4_0613.json", rowsRead: 156, rowsStored: 41, createdById: admin.id });
    expect(batch._count.responses).toBe(41);

    const stored = await db.response.findFirstOrThrow({ where: { prompt: { promptSetId, externalId: "8" }, system: { name: systemName } } });
    const original = (JSON.parse(GPT4_0613.content) as { instruction: string; output: string }[]).find((row) => row.instruction.startsWith("rank the following companies"))!;
    expect(stored).toMatchObject({ text: original.output, combinationId: null, combinationKey: "" });
  });

  it("reports every row as a duplicate on re-import", async () => {
    const promptSetId = await importKoalaPromptSet();
    const systemName = uniqueName("gpt4_0613");
    await importResponses({ actor: admin, ...GPT4_0613, promptSetId, systemName });

    const preview = await previewResponseImport({ actor: admin, ...GPT4_0613, promptSetId, systemName });
    const error = await rejection(importResponses({ actor: admin, ...GPT4_0613, promptSetId, systemName }));

    expect(preview).toMatchObject({ matched: 41, toStore: 0 });
    expect(preview.duplicates).toHaveLength(41);
    expect(preview.duplicates.every((duplicate) => duplicate.reason === "STORED" && duplicate.system === systemName)).toBe(true);
    expect(preview.systems).toEqual([{ name: systemName, isNew: false }]);
    expect(error.code).toBe("CONFLICT");
    expect(await responseCount(promptSetId)).toBe(41);
  });

  it("takes the system name from the generator field", async () => {
    const promptSetId = await importKoalaPromptSet();

    const report = await importResponses({ actor: admin, ...ALPACA_7B, promptSetId });

    expect(report.systems.map((system) => system.name)).toEqual(["alpaca-7b"]);
    expect(report.stored).toBe(41);
    expect(await responseCount(promptSetId, "alpaca-7b")).toBe(41);
  });

  it("stores nothing when one row has an unknown combination", async () => {
    const promptSetId = await importKoalaPromptSet();
    const systemName = uniqueName("soup");
    const lines = ["prompt_id,system,combination,output"];
    for (let id = 0; id < 20; id += 1) {
      lines.push(`${id},${systemName},${id === 12 ? "ZZZ" : combinationSideKeys},"Response ${id}, for the test."`);
    }
    const file = { fileName: "outputs.csv", content: `${lines.join("\n")}\n` };

    const preview = await previewResponseImport({ actor: admin, ...file, promptSetId });
    const error = await rejection(importResponses({ actor: admin, ...file, promptSetId }));

    expect(preview).toMatchObject({ rowsRead: 20, matched: 19 });
    expect(preview.errors).toHaveLength(1);
    expect(preview.errors[0]).toMatchObject({ line: 14, field: "combination" });
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain('Line 14: Unknown combination "ZZZ"');
    expect(error.message).toContain(`A (${combinationSideKeys})`);
    expect(await responseCount(promptSetId)).toBe(0);
    expect(await db.system.count({ where: { name: systemName } })).toBe(0);
    expect(await db.importBatch.count({ where: { kind: "RESPONSES", createdById: admin.id, fileName: "outputs.csv" } })).toBe(0);
  });

  it("keeps only one of two racing imports", async () => {
    const promptSetId = await importKoalaPromptSet();
    const systemName = uniqueName("race");
    const fileName = `${systemName}.json`;

    // Either both transactions pass the duplicate check before either commits, so the second
    // fails on the unique key while inserting, or the second finds the first's rows stored.
    // Both ways only one import may store anything, its import batch included.
    const results = await Promise.allSettled([
      importResponses({ actor: admin, ...GPT4_0613, fileName, promptSetId, systemName }),
      importResponses({ actor: admin, ...GPT4_0613, fileName, promptSetId, systemName }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = results.find((result) => result.status === "rejected")!;
    expect((failure.reason as AppError).code).toBe("CONFLICT");
    expect(await responseCount(promptSetId)).toBe(41);
    expect(await db.importBatch.count({ where: { fileName } })).toBe(1);
  });

  it("rejects a file of which no row matches", async () => {
    const promptSetId = await importKoalaPromptSet();
    const content = JSON.stringify([{ instruction: "Write a poem about autumn.", output: "Leaves fall.", generator: uniqueName("poet") }]);

    const error = await rejection(importResponses({ actor: admin, fileName: "poems.json", content, promptSetId }));

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("none of the 1 rows of poems.json matches a prompt");
    expect(await responseCount(promptSetId)).toBe(0);
  });

  it("rejects an unknown prompt set", async () => {
    const error = await rejection(previewResponseImport({ actor: admin, ...GPT4_0613, promptSetId: "missing-prompt-set" }));

    expect(error.code).toBe("NOT_FOUND");
  });

  it("imports thousands of rows in one batch", async () => {
    const rowCount = 3_000;
    const promptLines = Array.from({ length: rowCount }, (_, index) => JSON.stringify({ id: `p${index}`, prompt: `Question number ${index}?` }));
    const promptReport = await importPromptSet({ actor: admin, fileName: "many.jsonl", content: promptLines.join("\n"), name: uniqueName("many") });
    const systemName = uniqueName("bulk");
    const outputLines = ["prompt_id,output", ...Array.from({ length: rowCount }, (_, index) => `p${index},"Answer ${index}, ${"with some length. ".repeat(20)}"`)];

    const report = await importResponses({ actor: admin, fileName: "many.csv", content: outputLines.join("\n"), promptSetId: promptReport.promptSetId!, systemName });

    expect(report.stored).toBe(rowCount);
    expect(await responseCount(promptReport.promptSetId!)).toBe(rowCount);
  });
});

describe("import role guard", () => {
  it.each([
    ["researcher", () => researcher],
    ["crowdworker", () => crowdworker],
  ])("forbids a %s every import function", async (_role, actor) => {
    const name = uniqueName("forbidden");
    const promptSetId = await importKoalaPromptSet();
    const systemName = uniqueName("forbidden-system");

    const errors = await Promise.all([
      rejection(previewPromptImport({ actor: actor(), ...KOALA_EVAL_50, name })),
      rejection(importPromptSet({ actor: actor(), ...KOALA_EVAL_50, name })),
      rejection(previewResponseImport({ actor: actor(), ...GPT4_0613, promptSetId, systemName })),
      rejection(importResponses({ actor: actor(), ...GPT4_0613, promptSetId, systemName })),
    ]);

    expect(errors.map((error) => error.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"]);
    expect(await db.promptSet.count({ where: { name } })).toBe(0);
    expect(await responseCount(promptSetId)).toBe(0);
  });
});
