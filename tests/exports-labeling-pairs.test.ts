import { readFile } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createDataExport } from "@/lib/exports/create-data-export";
import type { LabelingPairExportParameters } from "@/lib/exports/export-parameters";
import { runDataExport } from "@/lib/exports/run-data-export";

import {
  createScriptedJudge,
  createTemporaryExportDirectory,
  listFolder,
  readJsonLines,
  readManifest,
  storeQueuedExport,
  type RolloutPairFixture,
  type ScriptedJudge,
} from "./exports-fixtures";
import { createUser, ensurePreferences } from "./studies-fixtures";

type PairRow = Record<string, string>;

/**
 * Rollouts judged FIRST (P1A, P3A with an input), SECOND (P1B), TIE (P2A), INCONSISTENT (P2B)
 * and not at all (a second P1A prompt). A rollout whose preference sentence matches no side is
 * judged on the run's criterion side P1A. Judge runs skip the neutral rollout, so it has no verdict.
 */
const ROLLOUTS: RolloutPairFixture[] = [
  { instruction: "Explain tides.", sideKey: "P1A", output1: "tides simple 1", output2: "tides simple 2", outcome: "FIRST" },
  { instruction: "Explain tides.", sideKey: "P1B", output1: "tides expert 1", output2: "tides expert 2", outcome: "SECOND" },
  { instruction: "Explain tides.", sideKey: "P2A", output1: "tides concise 1", output2: "tides concise 2", outcome: "TIE" },
  { instruction: "Explain tides.", sideKey: "P2B", output1: "tides informative 1", output2: "tides informative 2", outcome: "INCONSISTENT" },
  { instruction: "Explain tides.", sideKey: null, output1: "tides neutral 1", output2: "tides neutral 2" },
  { instruction: "Explain tides.", sideKey: null, preferencePrompt: "Answer in rhymes.", output1: "rhyme 1", output2: "rhyme 2", outcome: "FIRST" },
  { instruction: "Name a prime.", sideKey: "P1A", output1: "prime simple 1", output2: "prime simple 2" },
  { instruction: "Translate.", input: "Bonjour", sideKey: "P3A", output1: "hello friendly 1", output2: "hello friendly 2", outcome: "FIRST" },
];

const exportDirectory = createTemporaryExportDirectory();
let researcher: Awaited<ReturnType<typeof createUser>>;
let judge: ScriptedJudge;
let rolloutSetId: string;
let sentence: (sideKey: string) => string;

beforeAll(async () => {
  await ensurePreferences();
  researcher = await createUser("RESEARCHER");
  judge = await createScriptedJudge();
  rolloutSetId = (await judge.uploadAndLabelSet(ROLLOUTS)).id;
  const sides = await db.side.findMany({ select: { key: true, generationPrompt: true } });
  sentence = (sideKey) => sides.find((side) => side.key === sideKey)!.generationPrompt;
});

afterAll(async () => {
  await judge.close();
});

async function runLabelingPairExport(options: Partial<LabelingPairExportParameters> = {}) {
  const stored = await storeQueuedExport(researcher.id, {
    kind: "labeling-pairs",
    format: "trl",
    labelingSetId: rolloutSetId,
    judgeVersionId: judge.judgeVersionId,
    seed: 3,
    evalFraction: 0,
    ...options,
  });
  await runDataExport({ exportId: stored.id });
  const finished = await db.dataExport.findUniqueOrThrow({ where: { id: stored.id } });
  expect(finished.error).toBeNull();
  expect(finished.status).toBe("COMPLETE");
  return finished;
}

function rowFrom(rows: PairRow[], sourcePrefix: string): PairRow {
  const matches = rows.filter((row) => row.chosen_source.startsWith(sourcePrefix) || row.rejected_source.startsWith(sourcePrefix));
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe("labelling-pair export", () => {
  it("writes one row per preferred output", async () => {
    const finished = await runLabelingPairExport();
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const pairs = await db.labelingPair.findMany({ where: { labelingSetId: rolloutSetId }, orderBy: { position: "asc" } });

    expect(await listFolder(path.join(exportDirectory, finished.id))).toEqual(["eval.jsonl", "manifest.json", "train.jsonl"]);
    expect(await readFile(path.join(exportDirectory, finished.id, "eval.jsonl"), "utf8")).toBe("");
    expect(rows).toHaveLength(4);
    expect(finished.rowsWritten).toBe(4);

    const first = rowFrom(rows, `${pairs[0].id}/`);
    expect(first).toEqual({
      prompt: `Explain tides. ${sentence("P1A")}`,
      chosen: "tides simple 1",
      rejected: "tides simple 2",
      side: "P1A",
      preference: sentence("P1A"),
      comparison: "judge_verdict",
      ordered_by: expect.stringMatching(/^judge judge-.* v1$/),
      chosen_source: `${pairs[0].id}/output_1`,
      rejected_source: `${pairs[0].id}/output_2`,
      split: "train",
    });

    const second = rowFrom(rows, `${pairs[1].id}/`);
    expect([second.chosen, second.rejected]).toEqual(["tides expert 2", "tides expert 1"]);
    expect(second.chosen_source).toBe(`${pairs[1].id}/output_2`);
  });

  it("puts the input and preference in the prompt", async () => {
    const finished = await runLabelingPairExport();
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const [translated] = rows.filter((row) => row.chosen === "hello friendly 1");

    expect(translated.prompt).toBe(`Translate.\n\nBonjour ${sentence("P3A")}`);
    expect(translated.side).toBe("P3A");
  });

  it("uses the run criterion for side-less pairs", async () => {
    const finished = await runLabelingPairExport();
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const [rhyme] = rows.filter((row) => row.chosen === "rhyme 1");

    expect(rhyme).toMatchObject({ prompt: `Explain tides. ${sentence("P1A")}`, rejected: "rhyme 2", side: "P1A" });
  });

  it("counts ties, inconsistent and missing verdicts", async () => {
    const finished = await runLabelingPairExport();
    const manifest = await readManifest(exportDirectory, finished.id);
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));

    expect(manifest.counts).toEqual({
      pairsRead: 8,
      rowsWritten: 4,
      trainRows: 4,
      evalRows: 0,
      skippedTie: 1,
      skippedInconsistent: 1,
      missingVerdict: 2,
      skippedUnknownCriterion: 0,
      criterionSideKeys: ["P1A"],
      rowsBySide: { P1A: 2, P1B: 1, P3A: 1 },
    });
    expect(rows.map((row) => row.chosen)).not.toContain("tides concise 1");
    expect(rows.map((row) => row.chosen)).not.toContain("tides informative 1");
    expect(rows.map((row) => row.chosen)).not.toContain("prime simple 1");
    expect(rows.map((row) => row.chosen)).not.toContain("tides neutral 2");
    expect(manifest.versions.judgeVersions.map((version) => version.id)).toEqual([judge.judgeVersionId]);
    expect(manifest.files.find((file) => file.name === "train.jsonl")!.rows).toBe(4);
  });

  it("writes the RLPHF fields", async () => {
    const finished = await runLabelingPairExport({ format: "rlphf" });
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const [judged] = rows.filter((row) => row.completion_a === "tides expert 2");

    expect(judged).toMatchObject({ user_input: `Explain tides. ${sentence("P1B")}`, completion_b: "tides expert 1", side: "P1B" });
    expect(judged).not.toHaveProperty("prompt");
    expect(judged).not.toHaveProperty("chosen");
  });
});

describe("labelling-pair export of AlpacaFarm pairs", () => {
  const PAIRS: RolloutPairFixture[] = [
    { instruction: "Name a colour.", sideKey: null, output1: "Blue.", output2: "Blue, the colour of a clear sky.", outcome: "SECOND" },
    { instruction: "Name a planet.", sideKey: null, output1: "Mars.", output2: "Mars, the red planet.", outcome: "FIRST" },
    { instruction: "Name a river.", sideKey: null, output1: "The Nile.", output2: "The Nile, in Africa.", outcome: "TIE" },
  ];
  let pairSetId: string;

  beforeAll(async () => {
    pairSetId = (await judge.uploadAndLabelSet(PAIRS, { alpacaFarm: true, criterionSideKey: "P2B" })).id;
  });

  it("uses the criterion side of the run", async () => {
    const labelingSet = await db.labelingSet.findUniqueOrThrow({ where: { id: pairSetId } });
    const finished = await runLabelingPairExport({ labelingSetId: pairSetId });
    const rows = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));

    expect(labelingSet.format).toBe("PAIRS");
    expect(rows.map((row) => [row.prompt, row.chosen, row.rejected, row.side])).toEqual([
      [`Name a colour. ${sentence("P2B")}`, "Blue, the colour of a clear sky.", "Blue.", "P2B"],
      [`Name a planet. ${sentence("P2B")}`, "Mars.", "Mars, the red planet.", "P2B"],
    ]);
    expect((await readManifest(exportDirectory, finished.id)).counts).toMatchObject({ skippedTie: 1, rowsBySide: { P2B: 2 } });
  });

  it("skips pairs judged on several criteria", async () => {
    const ambiguousSetId = (await judge.uploadAndLabelSet(PAIRS.map((pair) => ({ ...pair, output1: `${pair.output1} (again)` })), { alpacaFarm: true, criterionSideKey: "P2A" })).id;
    await judge.runJudge(ambiguousSetId, "P3B");

    const finished = await runLabelingPairExport({ labelingSetId: ambiguousSetId });
    const manifest = await readManifest(exportDirectory, finished.id);

    expect(manifest.counts).toMatchObject({ pairsRead: 3, rowsWritten: 0, skippedTie: 1, skippedUnknownCriterion: 2, criterionSideKeys: ["P2A", "P3B"] });
    expect(await readFile(path.join(exportDirectory, finished.id, "train.jsonl"), "utf8")).toBe("");
  });
});

describe("labelling-pair splits", () => {
  let splitSetId: string;

  beforeAll(async () => {
    const pairs: RolloutPairFixture[] = [];
    for (let index = 0; index < 40; index += 1) {
      const instruction = `Question ${index}?`;
      pairs.push({ instruction, sideKey: "P1A", output1: `simple ${index}`, output2: `simple b ${index}`, outcome: "FIRST" });
      pairs.push({ instruction, sideKey: "P1B", output1: `expert ${index}`, output2: `expert b ${index}`, outcome: "SECOND" });
    }
    splitSetId = (await judge.uploadAndLabelSet(pairs)).id;
  });

  it("keeps each prompt in one split", async () => {
    const finished = await runLabelingPairExport({ labelingSetId: splitSetId, evalFraction: 0.3 });
    const train = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "train.jsonl"));
    const evaluation = await readJsonLines<PairRow>(path.join(exportDirectory, finished.id, "eval.jsonl"));
    const trainPrompts = new Set(train.map((row) => row.prompt.split(" ")[1]));
    const evalPrompts = new Set(evaluation.map((row) => row.prompt.split(" ")[1]));

    expect(train.length + evaluation.length).toBe(80);
    expect(evalPrompts.size).toBeGreaterThan(0);
    expect(trainPrompts.size).toBeGreaterThan(evalPrompts.size);
    expect([...evalPrompts].filter((prompt) => trainPrompts.has(prompt))).toEqual([]);
    expect(evaluation.every((row) => row.split === "eval")).toBe(true);
  });

  it("gives the same files for the same seed", async () => {
    const first = await readManifest(exportDirectory, (await runLabelingPairExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 11 })).id);
    const second = await readManifest(exportDirectory, (await runLabelingPairExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 11 })).id);
    const other = await readManifest(exportDirectory, (await runLabelingPairExport({ labelingSetId: splitSetId, evalFraction: 0.3, seed: 12 })).id);

    expect(second.files).toEqual(first.files);
    expect(other.files.map((file) => file.sha256)).not.toEqual(first.files.map((file) => file.sha256));
  });
});

describe("labelling-pair parameters", () => {
  it("queues an export of AlpacaFarm pairs", async () => {
    const pairSetId = (await judge.uploadAndLabelSet([{ instruction: "Say hi.", sideKey: null, output1: "hi", output2: "hello", outcome: "FIRST" }], { alpacaFarm: true })).id;

    const dataExport = await createDataExport({
      actor: researcher,
      input: { kind: "labeling-pairs", format: "trl", labelingSetId: pairSetId, judgeVersionId: judge.judgeVersionId },
    });

    expect(dataExport).toMatchObject({ kind: "labeling-pairs", format: "trl", status: "QUEUED", labelingSetId: pairSetId, studyId: null });
    expect(dataExport.parameters).toMatchObject({ seed: 0, evalFraction: 0.1 });
  });

  it("rejects an unknown labelling set", async () => {
    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "labeling-pairs", format: "trl", labelingSetId: "no-such-set", judgeVersionId: judge.judgeVersionId },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("no-such-set");
  });

  it("rejects an unknown judge version", async () => {
    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "labeling-pairs", format: "trl", labelingSetId: rolloutSetId, judgeVersionId: "no-such-version" },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("no-such-version");
  });

  it("names an unknown format", async () => {
    const error = (await createDataExport({
      actor: researcher,
      input: { kind: "labeling-pairs", format: "csv" as "trl", labelingSetId: rolloutSetId, judgeVersionId: judge.judgeVersionId },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("format: must be trl or rlphf");
  });
});
