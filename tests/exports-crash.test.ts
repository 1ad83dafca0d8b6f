import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { createDataExport } from "@/lib/exports/create-data-export";
import { PARTIAL_PREFIX, runDataExport } from "@/lib/exports/run-data-export";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { insertBulkJudgments, listFolder, readJsonLines, readManifest, createTemporaryExportDirectory } from "./exports-fixtures";
import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings } from "./studies-fixtures";

const JUDGMENT_COUNT = 200_000;

const exportDirectory = createTemporaryExportDirectory();
let worker: ChildProcess | null = null;

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, EXPORT_DIR: exportDirectory, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  worker = child;
  return child;
}

async function waitFor<T>(read: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

afterEach(() => {
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    worker.kill("SIGKILL");
  }
});

describe("export killed mid-run", () => {
  it("leaves no partial file marked complete", async () => {
    await ensurePreferences();
    const researcher = await createUser("RESEARCHER");
    const crowdworker = await createUser("CROWDWORKER");
    const { promptSet, prompts } = await createPromptSet(1);
    const baseline = await createSystem();
    const candidate = await createSystem();
    await addResponses({ uploaderId: researcher.id, systemId: baseline.id, promptIds: [prompts[0].id], combinationId: null });
    await addResponses({ uploaderId: researcher.id, systemId: candidate.id, promptIds: [prompts[0].id], combinationId: null });
    const study = await createStudy({
      actor: researcher,
      input: studySettings({ promptSetId: promptSet.id, baselineSystemId: baseline.id, candidateSystemIds: [candidate.id], combinationIds: [(await findCombination("AAA")).id] }),
    });
    await openStudy({ actor: researcher, studyId: study.id });
    const item = await db.studyItem.findFirstOrThrow({ where: { studyId: study.id } });
    const side = await db.side.findUniqueOrThrow({ where: { key: "P1A" } });
    await insertBulkJudgments({ studyItemId: item.id, userId: crowdworker.id, criterionSideId: side.id, count: JUDGMENT_COUNT });

    const created = await createDataExport({ actor: researcher, input: { kind: "judgments", format: "jsonl", studyId: study.id } });
    const child = startWorker();
    const running = await waitFor(async () => {
      const row = await db.dataExport.findUniqueOrThrow({ where: { id: created.id } });
      return row.status === "RUNNING" && row.rowsWritten > 0 && row.rowsWritten < JUDGMENT_COUNT ? row : null;
    }, "the worker to start writing rows");
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const afterKill = await db.dataExport.findUniqueOrThrow({ where: { id: created.id } });
    const leftovers = await listFolder(exportDirectory);
    expect(running.rowsTotal).toBe(JUDGMENT_COUNT);
    expect(afterKill.status).toBe("RUNNING");
    expect(afterKill.filePath).toBeNull();
    expect(afterKill.sha256).toBeNull();
    expect(leftovers).not.toContain(created.id);
    const partial = leftovers.filter((name) => name.startsWith(`${PARTIAL_PREFIX}${created.id}-`));
    expect(partial).toHaveLength(1);
    expect(await listFolder(path.join(exportDirectory, partial[0]))).toEqual(["judgments.jsonl"]);

    // pg-boss hands the job to another worker once its heartbeat lapses. Running it here saves that wait of a few minutes.
    await runDataExport({ exportId: created.id });

    const finished = await db.dataExport.findUniqueOrThrow({ where: { id: created.id } });
    const manifest = await readManifest(exportDirectory, created.id);
    const rows = await readJsonLines(path.join(exportDirectory, created.id, "judgments.jsonl"));
    expect(finished.status).toBe("COMPLETE");
    expect(finished.rowsWritten).toBe(JUDGMENT_COUNT);
    expect(manifest.files[0].rows).toBe(JUDGMENT_COUNT);
    expect(rows).toHaveLength(JUDGMENT_COUNT);
    expect(await listFolder(exportDirectory)).toEqual([created.id]);
  }, 180_000);
});
