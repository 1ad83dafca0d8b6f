import { readFile } from "node:fs/promises";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { normalizeMergeWeights } from "@/lib/training/normalize-merge-weights";
import { runTrainingJob } from "@/lib/training/run-training-job";
import { startMergeJob, type StartMergeJobInput } from "@/lib/training/start-merge-job";
import { startTrainingJob } from "@/lib/training/start-training-job";
import type { TrainingSpec } from "@/lib/training/training-spec";

import { ensurePreferences, findCombination, uniqueName } from "./studies-fixtures";
import { createAdmin, createBackend, createTrlExport, stopJobBoss, trainerSettings, useTemporaryTrainingFolders } from "./training-fixtures";

let removeFolders: () => Promise<void>;
let admin: Awaited<ReturnType<typeof createAdmin>>;
let backendId: string;
let combinationId: string;
/** Policy adapter artifact ids by side key, trained from llama-7b. */
const adapters: Record<string, string> = {};

async function trainPolicy(sideKey: string, baseModel = "huggyllama/llama-7b") {
  const exportId = (await createTrlExport({ createdById: admin.id })).dataExport.id;
  const job = await startTrainingJob({
    actor: admin,
    input: { name: uniqueName(`policy-${sideKey}`), kind: "POLICY", sideKey, backendId, datasetExportId: exportId, baseModel, systemName: uniqueName(`policy-${sideKey}`) },
  });
  await runTrainingJob({ trainingJobId: job.id, attempt: 1 });
  return (await db.systemArtifact.findUniqueOrThrow({ where: { trainingJobId: job.id } })).id;
}

beforeAll(async () => {
  await ensurePreferences();
  ({ remove: removeFolders } = await useTemporaryTrainingFolders());
  admin = await createAdmin();
  backendId = (await createBackend("COMMAND", trainerSettings(), admin.id)).id;
  combinationId = (await findCombination("ABA")).id;
  for (const sideKey of ["P1A", "P2B", "P3A", "P2A"]) {
    adapters[sideKey] = await trainPolicy(sideKey);
  }
});

afterAll(async () => {
  await stopJobBoss();
  await removeFolders();
});

function mergeInput(overrides: Partial<StartMergeJobInput> = {}): StartMergeJobInput {
  return {
    name: uniqueName("soup-aba"),
    backendId,
    combinationId,
    adapters: [{ artifactId: adapters.P1A }, { artifactId: adapters.P2B }, { artifactId: adapters.P3A }],
    systemName: uniqueName("p-soups-aba"),
    ...overrides,
  };
}

describe("normalizeMergeWeights", () => {
  it("defaults to uniform weights", () => {
    expect(normalizeMergeWeights([undefined, undefined, undefined])).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("scales given weights to sum to 1", () => {
    expect(normalizeMergeWeights([2, 1, 1])).toEqual([0.5, 0.25, 0.25]);
  });

  it.each([
    ["zero", [0, 1]],
    ["negative", [-1, 2]],
    ["NaN", [Number.NaN, 1]],
    ["infinite", [Number.POSITIVE_INFINITY, 1]],
  ])("rejects a %s weight", (_label, weights) => {
    expect(() => normalizeMergeWeights(weights)).toThrow(/every weight must be a positive number/);
  });

  it("rejects weights for only some adapters", () => {
    expect(() => normalizeMergeWeights([1, undefined])).toThrow(/for every adapter, or for none/);
  });
});

describe("startMergeJob", () => {
  it("writes the merge spec and registers the merged system", async () => {
    const job = await startMergeJob({ actor: admin, input: mergeInput({ adapters: [{ artifactId: adapters.P1A, weight: 2 }, { artifactId: adapters.P2B, weight: 1 }, { artifactId: adapters.P3A, weight: 1 }] }) });

    const spec = job.spec as TrainingSpec;
    expect(spec.kind).toBe("MERGE");
    expect(spec.baseModel).toBe("huggyllama/llama-7b");
    expect(spec.combination).toMatchObject({ id: combinationId, name: "ABA", sideKeys: "P1A+P2B+P3A" });
    expect(spec.adapters?.map((adapter) => [adapter.sideKey, adapter.weight])).toEqual([
      ["P1A", 0.5],
      ["P2B", 0.25],
      ["P3A", 0.25],
    ]);
    expect(spec.adapters?.every((adapter) => adapter.uri.includes("/output"))).toBe(true);
    expect(spec.dataset).toBeUndefined();

    await runTrainingJob({ trainingJobId: job.id, attempt: 1 });
    const merged = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { artifact: { include: { system: true } } } });
    expect(merged.status).toBe("SUCCEEDED");
    expect(merged.logs).toContain("merged 3 adapters for ABA");
    const written = JSON.parse(await readFile(path.join(merged.outputUri!, "merge.json"), "utf8"));
    expect(written.total_weight).toBeCloseTo(1);
    expect(merged.combinationId).toBe(combinationId);
    expect(merged.artifact?.kind).toBe("MERGE");
    expect(merged.artifact?.system.name).toBe(merged.systemName);
  });

  it("uses uniform weights by default", async () => {
    const job = await startMergeJob({ actor: admin, input: mergeInput() });

    expect((job.spec as TrainingSpec).adapters?.map((adapter) => adapter.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it("rejects a side outside the combination", async () => {
    const input = mergeInput({ adapters: [{ artifactId: adapters.P1A }, { artifactId: adapters.P2A }, { artifactId: adapters.P3A }] });

    await expect(startMergeJob({ actor: admin, input })).rejects.toThrow(/serves side P2A, which is not in combination ABA/);
  });

  it("rejects a missing side", async () => {
    const input = mergeInput({ adapters: [{ artifactId: adapters.P1A }, { artifactId: adapters.P2B }] });

    await expect(startMergeJob({ actor: admin, input })).rejects.toThrow(/No adapter chosen for side P3A/);
  });

  it("rejects two adapters for one side", async () => {
    const second = await trainPolicy("P1A");
    const input = mergeInput({ adapters: [{ artifactId: adapters.P1A }, { artifactId: second }, { artifactId: adapters.P2B }, { artifactId: adapters.P3A }] });

    await expect(startMergeJob({ actor: admin, input })).rejects.toThrow(/Two adapters serve side P1A/);
  });

  it("rejects adapters of different base models", async () => {
    const mistral = await trainPolicy("P3A", "mistralai/Mistral-7B-v0.1");
    const input = mergeInput({ adapters: [{ artifactId: adapters.P1A }, { artifactId: adapters.P2B }, { artifactId: mistral }] });

    await expect(startMergeJob({ actor: admin, input })).rejects.toThrow(/different base models/);
  });

  it("rejects a zero weight", async () => {
    const input = mergeInput({ adapters: [{ artifactId: adapters.P1A, weight: 0 }, { artifactId: adapters.P2B, weight: 1 }, { artifactId: adapters.P3A, weight: 1 }] });

    await expect(startMergeJob({ actor: admin, input })).rejects.toThrow(/Merge weight 0 is invalid/);
  });
});
