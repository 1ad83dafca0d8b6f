import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { db, type Prisma } from "@/lib/db/prisma";
import type { TrainingBackendKind } from "@/lib/generated/prisma/enums";
import { getJobBoss } from "@/lib/jobs/get-job-boss";

import { createUser, uniqueName } from "./studies-fixtures";

/** Three TRL preference rows with the preference sentence in the prompt, as a reward-model export writes them. */
export const TRL_ROWS = [
  {
    prompt: "Explain how vaccines work. Generate a response that can be easily understood by an elementary school student.",
    chosen: "Vaccines show your body a picture of a germ so it knows how to fight it.",
    rejected: "Vaccines elicit adaptive immunity via antigen presentation to naive lymphocytes.",
    comparison: "positive_vs_negative",
  },
  {
    prompt: "Why is the sky blue? Generate a response that is concise and to the point, without being verbose.",
    chosen: "Air scatters blue light more than red light.",
    rejected: "The sky is blue. Let me tell you about the history of optics first...",
    comparison: "positive_vs_neutral",
  },
  {
    prompt: "What is a prime number? Generate a response that is friendly, witty, funny, and humorous, like a close friend.",
    chosen: "A number so picky it only divides by 1 and itself!",
    rejected: "A natural number greater than 1 with no divisors other than 1 and itself.",
    comparison: "positive_1_vs_positive_2",
  },
];

/**
 * Point EXPORT_DIR and TRAINING_DIR at fresh temporary folders. Test files run in separate
 * workers, so each file gets folders of its own; `remove` deletes them.
 */
export async function useTemporaryTrainingFolders(): Promise<{ exportDirectory: string; trainingDirectory: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), "ladle-training-"));
  const exportDirectory = path.join(root, "exports");
  const trainingDirectory = path.join(root, "training");
  await mkdir(exportDirectory, { recursive: true });
  process.env.EXPORT_DIR = exportDirectory;
  process.env.TRAINING_DIR = trainingDirectory;
  return { exportDirectory, trainingDirectory, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Write the TRL fixture under EXPORT_DIR and store a COMPLETE DataExport row for it. */
export async function createTrlExport(options: { createdById: string; fileName?: string }) {
  const relativePath = path.join(uniqueName("export"), options.fileName ?? "reward-model-trl.jsonl");
  const text = TRL_ROWS.map((row) => JSON.stringify(row)).join("\n") + "\n";
  const absolutePath = path.join(process.env.EXPORT_DIR!, relativePath);
  await mkdir(path.dirname(absolutePath), { recursive: true });
  await writeFile(absolutePath, text);

  const dataExport = await db.dataExport.create({
    data: {
      kind: "reward-model",
      format: "jsonl",
      parameters: { split: "train" },
      status: "COMPLETE",
      rowsWritten: TRL_ROWS.length,
      rowsTotal: TRL_ROWS.length,
      filePath: relativePath,
      sha256: createHash("sha256").update(text).digest("hex"),
      createdById: options.createdById,
      finishedAt: new Date(),
    },
  });
  return { dataExport, absolutePath, sha256: dataExport.sha256! };
}

export async function createBackend(kind: TrainingBackendKind, settings: Prisma.InputJsonObject, createdById: string) {
  return db.trainingBackend.create({ data: { name: uniqueName(kind.toLowerCase()), kind, settings, createdById } });
}

/** Return COMMAND backend settings that run tests/training-trainer.mjs with node. */
export function trainerSettings(overrides: Prisma.InputJsonObject = {}): Prisma.InputJsonObject {
  const script = path.resolve("tests/training-trainer.mjs");
  return { commandTemplate: `${process.execPath} ${script} --dataset {dataset} --output {output} --spec {spec}`, ...overrides };
}

export async function createAdmin() {
  return createUser("ADMIN");
}

/** Stop this test file's pg-boss instance, which sendJob started. */
export async function stopJobBoss(): Promise<void> {
  await (await getJobBoss()).stop({ graceful: false });
}

/** Poll `check` every 50 ms until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Return whether a process exists and is not a zombie waiting for its parent to reap it. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && stat.split(") ")[1]?.[0] !== "Z";
}
