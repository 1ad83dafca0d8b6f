import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { importLabelingSet } from "@/lib/labeling/import-labeling-set";
import { previewLabelingImport } from "@/lib/labeling/preview-labeling-import";
import { ensurePreferences } from "@/tests/assignment-fixtures";
import { createAdmin } from "@/tests/judges-fixtures";

const CONCISE = "Generate a response that is concise and to the point, without being verbose.";
const EXPERT = "Generate a response that only a PhD Student in that specific field could understand.";

let admin: Awaited<ReturnType<typeof createAdmin>>;

beforeAll(async () => {
  await ensurePreferences();
  admin = await createAdmin();
});

const jsonl = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join("\n");
const name = () => `labels-${randomUUID().slice(0, 8)}`;

describe("labelling set import", () => {
  it("imports rollouts and matches their sides", async () => {
    const content = jsonl([
      { instruction: "Explain tides.", input: "", preference_prompt: CONCISE, output_1: "Moon pulls water.", output_2: "The moon's gravity..." },
      { instruction: "Explain DNS.", input: "briefly", preference_prompt: EXPERT, output_1: "Names to IPs.", output_2: "Recursive resolvers..." },
      { instruction: "Explain rain.", input: "", preference_prompt: "Answer like a pirate.", output_1: "Arr, clouds.", output_2: "Water falls." },
    ]);

    const report = await importLabelingSet({ actor: admin, fileName: "rollouts.jsonl", content, name: name() });

    expect(report.format).toBe("ROLLOUT");
    expect(report.pairCount).toBe(3);
    expect(report.matchedSides).toEqual([
      { sideKey: "P1B", pairCount: 1 },
      { sideKey: "P2A", pairCount: 1 },
    ]);
    expect(report.unmatchedPairs).toBe(1);
    expect(report.neutralPairs).toBe(0);
    const pairs = await db.labelingPair.findMany({ where: { labelingSetId: report.labelingSetId }, orderBy: { position: "asc" }, include: { side: true } });
    expect(pairs.map((pair) => [pair.position, pair.side?.key ?? null, pair.input])).toEqual([
      [1, "P2A", ""],
      [2, "P1B", "briefly"],
      [3, null, ""],
    ]);
  });

  it("imports an empty preference prompt as neutral", async () => {
    const content = jsonl([
      { instruction: "Explain tides.", input: "", preference_prompt: CONCISE, output_1: "Moon pulls water.", output_2: "The moon's gravity..." },
      { instruction: "Explain tides.", input: "", preference_prompt: "", output_1: "Tides rise and fall.", output_2: "The sea moves." },
    ]);

    const report = await importLabelingSet({ actor: admin, fileName: "rollouts.jsonl", content, name: name() });

    expect(report.format).toBe("ROLLOUT");
    expect(report.errors).toEqual([]);
    expect(report.neutralPairs).toBe(1);
    expect(report.unmatchedPairs).toBe(0);
    const pairs = await db.labelingPair.findMany({ where: { labelingSetId: report.labelingSetId }, orderBy: { position: "asc" } });
    expect(pairs.map((pair) => [pair.preferencePrompt, pair.sideId])).toEqual([
      [CONCISE, expect.any(String)],
      ["", null],
    ]);
  });

  it("reads AlpacaFarm pairs from a JSON array", async () => {
    const content = JSON.stringify([
      { instruction: "Name a prime.", input: "", output_1: "7", output_2: "Seven is prime." },
      { instruction: "Name a colour.", input: "", output_1: "Blue", output_2: "Red" },
    ]);

    const report = await importLabelingSet({ actor: admin, fileName: "pairs.json", content, name: name() });

    expect(report.format).toBe("PAIRS");
    expect(report.pairCount).toBe(2);
    const set = await db.labelingSet.findUniqueOrThrow({ where: { id: report.labelingSetId } });
    expect(set.format).toBe("PAIRS");
  });

  it("names the line and field of each problem", async () => {
    const content = jsonl([
      { instruction: "Fine.", preference_prompt: CONCISE, output_1: "a", output_2: "b" },
      { instruction: "No second output.", preference_prompt: CONCISE, output_1: "a" },
      { instruction: 42, preference_prompt: CONCISE, output_1: "a", output_2: "b" },
    ]);

    const report = await previewLabelingImport({ actor: admin, fileName: "broken.jsonl", content, name: name() });

    expect(report.errors.map((issue) => [issue.line, issue.field])).toEqual([
      [2, "output_2"],
      [3, "instruction"],
    ]);
  });

  it("stores nothing when one row is invalid", async () => {
    const setName = name();
    const content = jsonl([
      { instruction: "Fine.", preference_prompt: CONCISE, output_1: "a", output_2: "b" },
      { instruction: "Broken.", output_1: "a", output_2: "b" },
    ]);

    const attempt = importLabelingSet({ actor: admin, fileName: "partial.jsonl", content, name: setName });

    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toThrow(/Line 2: "preference_prompt" is missing or empty/);
    expect(await db.labelingSet.count({ where: { name: setName } })).toBe(0);
  });

  it("rejects a taken name as a conflict", async () => {
    const setName = name();
    const content = jsonl([{ instruction: "x", input: "", output_1: "a", output_2: "b" }]);
    await importLabelingSet({ actor: admin, fileName: "a.jsonl", content, name: setName });

    const again = importLabelingSet({ actor: admin, fileName: "a.jsonl", content, name: setName });

    await expect(again).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("rejects a researcher", async () => {
    const researcher = await db.user.create({ data: { role: "RESEARCHER", email: `${name()}@example.test` } });

    const attempt = previewLabelingImport({ actor: researcher, fileName: "a.jsonl", content: "{}", name: name() });

    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
