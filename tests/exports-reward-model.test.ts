import { readFile } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createDataExport } from "@/lib/exports/create-data-export";
import type { RewardModelExportParameters } from "@/lib/exports/export-parameters";
import { runDataExport } from "@/lib/exports/run-data-export";

import {
  createScriptedJudge,
  listFolder,
  readJsonLines,
  readManifest,
  storeQueuedExport,
  createTemporaryExportDirectory,
  type RolloutPairFixture,
  type ScriptedJudge,
} from "./exports-fixtures";
import { createUser, ensurePreferences } from "./studies-fixtures";

type TrainingRow = Record<string, string>;

/**
 * "Explain tides." has a neutral pair and pairs for P1A (judge: first), P1B (second), P2A (tie)
 * and P2B (inconsistent). "Name a prime." has only an unjudged P1A pair. "Translate." with an
 * input has a neutral pair, P3A (first) and P3B (second). One pair has a preference sentence
 * that matches no side.
 */
const PAIRS: RolloutPairFixture[] = [
  { instruction: "Explain tides.", sideKey: null, output1: "tides neutral 1", output2: "tides neutral 2" },
  { instruction: "Explain tides.", sideKey: "P1A", output1: "tides simple 1", output2: "tides simple 2", outcome: "FIRST" },
  { instruction: "Explain tides.", sideKey: "P1B", output1: "tides expert 1", output2: "tides expert 2", outcome: "SECOND" },
  { instruction: "Explain tides.", sideKey: "P2A", output1: "tides concise 1", output2: "tides concise 2", outcome: "TIE" },
  { instruction: "Explain tides.", sideKey: "P2B", output1: "tides informative 1", output2: "tides informative 2", outcome: "INCONSISTENT" },
  { instruction: "Explain tides.", sideKey: null, preferencePrompt: "Answer in rhymes.", output1: "rhyme 1", output2: "rhyme 2" },
  { instruction: "Name a prime.", sideKey: "P1A", output1: "prime simple 1", output2: "prime simple 2" },
  { instruction: "Translate.", input: "Bonjour", sideKey: null, output1: "hello neutral 1", output2: "hello neutral 2" },
  { instruction: "Translate.", input: "Bonjour", sideKey: "P3A", output1: "hello friendly 1", output2: "hello friendly 2", outcome: "FIRST" },
  { instruction: "Translate.", input: "Bonjour", sideKey: "P3B", output1: "hello unfriendly 1", output2: "hello unfriendly 2", outcome: "SECOND" },
];

const exportDirectory = createTemporaryExportDirectory();
let researcher: Awaited<ReturnType<typeof createUser>>;
let judge: ScriptedJudge;
let judgeVersionId: string;
let labelingSetId: string;
let sentence: (sideKey: string) => string;

beforeAll(async () => {
  await ensurePreferences();
  researcher = await createUser("RESEARCHER");
  judge = await createScriptedJudge();
  judgeVersionId = judge.judgeVersionId;
  labelingSetId = (await judge.uploadAndLabelSet(PAIRS)).id;
  const sides = await db.side.findMany({ select: { key: true, generationPrompt: true } });
  sentence = (sideKey) => sides.find((side) => side.key === sideKey)!.generationPrompt;
});

afterAll(async () => {
  await judge.close();
});

async function runRewardModelExport(options: Partial<RewardModelExportParameters> = {}) {
  const stored = await storeQueuedExport(researcher.id, {
    kind: "reward-model",
    format: "trl",
    labelingSetId,
    judgeVersionId,
    layout: "multitask",
    seed: 7,
    evalFraction: 0,
    ...options,
  });
  await runDataExport({ exportId: stored.id });
  const finished = await db.dataExport.findUniqueOrThrow({ where: { id: stored.id } });
  expect(finished.error).toBeNull();
  expect(finished.status).toBe("COMPLETE");
  return finished;
}

function find(rows: TrainingRow[], side: string, comparison: string): TrainingRow[] {
  return rows.filter((row) => row.side === side && row.comparison === comparison);
}

describe("reward-model export", () => {
  it("writes the four comparisons per prompt and side", async () => {
    const finished = await runRewardModelExport();
    const rows = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "train.jsonl"));

    expect(rows).toHaveLength(22);
    expect(await listFolder(path.join(exportDirectory, finished.id))).toEqual(["eval.jsonl", "manifest.json", "train.jsonl"]);
    expect(await readFile(path.join(exportDirectory, finished.id, "eval.jsonl"), "utf8")).toBe("");

    const [judged] = find(rows, "P1A", "positive_positive");
    expect(judged).toMatchObject({
      prompt: `Explain tides. ${sentence("P1A")}`,
      chosen: "tides simple 1",
      rejected: "tides simple 2",
      preference: sentence("P1A"),
      split: "train",
    });
    expect(judged.ordered_by).toMatch(/^judge judge-.* v1$/);
    expect(judged.chosen_source).toMatch(/\/output_1$/);

    const [swapped] = find(rows, "P1B", "positive_positive");
    expect([swapped.chosen, swapped.rejected]).toEqual(["tides expert 2", "tides expert 1"]);

    const [neutralNegative] = find(rows, "P1A", "neutral_negative");
    expect([neutralNegative.chosen, neutralNegative.rejected]).toEqual(["tides neutral 1", "tides expert 1"]);
    expect(neutralNegative.ordered_by).toBe("generation prompt");
  });

  it("uses one seeded positive against neutral and negative", async () => {
    const finished = await runRewardModelExport();
    const rows = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "train.jsonl"));

    for (const side of ["P1A", "P1B", "P2A", "P2B", "P3A", "P3B"]) {
      const [againstNeutral] = find(rows, side, "positive_neutral");
      const [againstNegative] = find(rows, side, "positive_negative");
      expect(againstNeutral.chosen).toBe(againstNegative.chosen);
      expect(againstNeutral.chosen_source).toBe(againstNegative.chosen_source);
    }
    const [neutral] = find(rows, "P3A", "positive_neutral");
    expect(["hello friendly 1", "hello friendly 2"]).toContain(neutral.chosen);
    expect(neutral.rejected).toBe("hello neutral 1");
  });

  it("puts the input and preference in the prompt", async () => {
    const finished = await runRewardModelExport();
    const rows = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const [translated] = find(rows, "P3B", "positive_positive");

    expect(translated.prompt).toBe(`Translate.\n\nBonjour ${sentence("P3B")}`);
    expect(translated.chosen).toBe("hello unfriendly 2");
  });

  it("counts skipped and missing comparisons", async () => {
    const finished = await runRewardModelExport();
    const manifest = await readManifest(exportDirectory, finished.id);
    const counts = manifest.counts as { sides: Record<string, Record<string, unknown>> } & Record<string, unknown>;

    expect(counts).toMatchObject({ prompts: 3, pairsRead: 10, rowsWritten: 22, unknownPreferencePairs: 1, promptsWithoutPositives: 0 });
    expect(counts.sides.P2A).toMatchObject({ skippedTie: 1, rows: { positive_positive: 0, positive_neutral: 1, positive_negative: 1, neutral_negative: 1 } });
    expect(counts.sides.P2B).toMatchObject({ skippedInconsistent: 1 });
    expect(counts.sides.P1A).toMatchObject({ prompts: 2, missingVerdict: 1, missingNeutral: 1, missingNegative: 1, rows: { positive_positive: 1 } });
    expect(manifest.versions.judgeVersions.map((version) => version.id)).toEqual([judgeVersionId]);
  });

  it("writes the RLPHF layout one file per side", async () => {
    const finished = await runRewardModelExport({ format: "rlphf", layout: "per-side" });
    const names = await listFolder(path.join(exportDirectory, finished.id));
    const rows = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "P1B.train.jsonl"));

    const sideFiles = ["P1A", "P1B", "P2A", "P2B", "P3A", "P3B"].flatMap((side) => [`${side}.eval.jsonl`, `${side}.train.jsonl`]);
    expect(names).toEqual([...sideFiles, "manifest.json"]);
    expect(rows).toHaveLength(4);
    expect(rows.every((row) => row.side === "P1B")).toBe(true);
    const [judged] = find(rows, "P1B", "positive_positive");
    expect(judged).toMatchObject({ user_input: `Explain tides. ${sentence("P1B")}`, completion_a: "tides expert 2", completion_b: "tides expert 1" });
    expect(judged).not.toHaveProperty("prompt");
  });
});

describe("reward-model splits", () => {
  let splitSetId: string;

  beforeAll(async () => {
    const pairs: RolloutPairFixture[] = [];
    for (let index = 0; index < 40; index += 1) {
      const instruction = `Question ${index}?`;
      pairs.push({ instruction, sideKey: null, output1: `neutral ${index}`, output2: `neutral b ${index}` });
      pairs.push({ instruction, sideKey: "P1A", output1: `simple ${index}`, output2: `simple b ${index}`, outcome: "FIRST" });
      pairs.push({ instruction, sideKey: "P1B", output1: `expert ${index}`, output2: `expert b ${index}`, outcome: "SECOND" });
    }
    splitSetId = (await judge.uploadAndLabelSet(pairs)).id;
  });

  it("keeps each prompt in one split", async () => {
    const finished = await runRewardModelExport({ labelingSetId: splitSetId, evalFraction: 0.3 });
    const train = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const evaluation = await readJsonLines<TrainingRow>(path.join(exportDirectory, finished.id, "eval.jsonl"));
    const trainPrompts = new Set(train.map((row) => row.prompt.split(" ")[1]));
    const evalPrompts = new Set(evaluation.map((row) => row.prompt.split(" ")[1]));

    expect(train.length + evaluation.length).toBe(40 * 8);
    expect(evalPrompts.size).toBeGreaterThan(0);
    expect(trainPrompts.size).toBeGreaterThan(evalPrompts.size);
    expect([...evalPrompts].filter((prompt) => trainPrompts.has(prompt))).toEqual([]);
  });

  it("gives the same files for the same seed", async () => {
    const first = await readManifest(exportDirectory, (await runRewardModelExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 11 })).id);
    const second = await readManifest(exportDirectory, (await runRewardModelExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 11 })).id);
    const other = await readManifest(exportDirectory, (await runRewardModelExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 12 })).id);

    expect(second.files).toEqual(first.files);
    expect(other.files.map((file) => file.sha256)).not.toEqual(first.files.map((file) => file.sha256));
  });
});

describe("reward-model parameters", () => {
  it("rejects a set of pairs without preference prompts", async () => {
    const { id: pairsSetId, name } = await judge.uploadAndLabelSet([{ instruction: "Say hi.", sideKey: null, output1: "hi", output2: "hello", outcome: "FIRST" }], { alpacaFarm: true });

    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "reward-model", format: "trl", labelingSetId: pairsSetId, judgeVersionId },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain(name);
  });

  it("rejects an unknown judge version", async () => {
    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "reward-model", format: "trl", labelingSetId, judgeVersionId: "no-such-version" },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("no-such-version");
  });

  it("names an out-of-range split fraction", async () => {
    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "reward-model", format: "trl", labelingSetId, judgeVersionId, evalFraction: 0.9 },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("evalFraction: must be between 0 and 0.5");
  });
});
