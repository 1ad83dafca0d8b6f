import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test, type Page } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createStaffAccount, uniqueName, type StaffAccount } from "./support/database";
import { signIn } from "./support/sign-in";

/**
 * The admin training flow against `next start` and a real worker process: add a command
 * backend, start a reward-model job on a TRL export, watch its logs and registered system,
 * and cancel and retry a job whose process hangs.
 */

const TRL_ROWS = [
  { prompt: "Explain tides. Generate a response that is concise and to the point, without being verbose.", chosen: "The moon pulls the sea.", rejected: "Tides, a long story..." },
  { prompt: "What is rain? Generate a response that can be easily understood by an elementary school student.", chosen: "Water falling from clouds.", rejected: "Precipitation via coalescence." },
];

let pool: pg.Pool;
let admin: StaffAccount;
let worker: ChildProcess;
let workerExited: Promise<void>;
let exportId: string;
let exportFilePath: string;
let backendName: string;
let root: string;

test.beforeAll(async () => {
  pool = connectToAppDatabase();
  admin = await createStaffAccount(pool, "ADMIN");

  root = await mkdtemp(path.join(tmpdir(), "ladle-e2e-training-"));
  const exportDirectory = path.join(root, "exports");
  exportId = uniqueName("export");
  exportFilePath = path.join(exportId, "reward-model-trl.jsonl");
  const text = TRL_ROWS.map((row) => JSON.stringify(row)).join("\n") + "\n";
  await mkdir(path.dirname(path.join(exportDirectory, exportFilePath)), { recursive: true });
  await writeFile(path.join(exportDirectory, exportFilePath), text);
  const creator = await pool.query<{ id: string }>(`select id from "User" where email = $1`, [admin.email]);
  await pool.query(
    `insert into "DataExport" (id, kind, format, parameters, status, "rowsWritten", "rowsTotal", "filePath", sha256, "createdById", "finishedAt")
     values ($1, 'reward-model', 'jsonl', '{}', 'COMPLETE', $2, $2, $3, $4, $5, now())`,
    [exportId, TRL_ROWS.length, exportFilePath, createHash("sha256").update(text).digest("hex"), creator.rows[0].id],
  );

  // The worker runs as its own process group, like `npm run worker`, so the test can end all of it.
  worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, EXPORT_DIR: exportDirectory, TRAINING_DIR: path.join(root, "training"), LOG_LEVEL: "warn" },
  });
  workerExited = new Promise((resolve) => worker.once("exit", () => resolve()));
});

test.afterAll(async () => {
  if (worker.exitCode === null && worker.signalCode === null) {
    process.kill(-worker.pid!, "SIGTERM");
  }
  await workerExited;
  await pool.end();
  await rm(root, { recursive: true, force: true });
});

async function addCommandBackend(page: Page) {
  backendName = uniqueName("local-gpu");
  const script = path.resolve("tests/training-trainer.mjs");
  await page.goto("/training");
  await page.getByLabel("Backend name").fill(backendName);
  await page.getByLabel("Settings (JSON)").fill(JSON.stringify({ commandTemplate: `${process.execPath} ${script} --dataset {dataset} --output {output} --spec {spec}`, timeoutMinutes: 10 }));
  await page.getByRole("button", { name: "Add backend" }).click();
  await expect(page.getByRole("status")).toHaveText(`Backend ${backendName} added.`);
}

async function startJob(page: Page, options: { name: string; systemName: string; mode: string }) {
  await page.goto("/training");
  await page.getByLabel("Job name").first().fill(options.name);
  await page.getByLabel("Kind").first().selectOption("REWARD_MODEL");
  await page.locator("#training-backend").selectOption({ label: `${backendName} (command)` });
  const dataset = page.getByLabel("Dataset (completed export)");
  await expect(dataset.locator(`option[value="${exportId}"]`)).toHaveText(new RegExp(`^reward-model · export ${exportId} · ${TRL_ROWS.length} rows · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`));
  await dataset.selectOption(exportId);
  await page.getByLabel("Base model").fill("huggyllama/llama-7b");
  await page.locator("#training-system").fill(options.systemName);
  await page.getByLabel("Parameters (JSON, optional)").fill(JSON.stringify({ mode: options.mode }));
  await page.getByRole("button", { name: "Start job" }).click();
  await expect(page.getByRole("heading", { level: 1, name: options.name })).toBeVisible();
}

test("admin trains a reward model and sees its system", async ({ page }) => {
  await signIn(page, admin);
  await addCommandBackend(page);
  const name = uniqueName("rm-job");
  const systemName = uniqueName("rm-system");

  await startJob(page, { name, systemName, mode: "succeed" });

  await expect(page.getByTestId("training-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(page.getByTestId("training-logs")).toContainText(`step 1 loss 0.69 on ${TRL_ROWS.length} rows`);
  await expect(page.getByTestId("artifact-system")).toHaveText(systemName);

  const stored = await pool.query<{ status: string; exitCode: number; uri: string; systemName: string }>(
    `select j.status, j."exitCode", a.uri, s.name as "systemName" from "TrainingJob" j
     join "SystemArtifact" a on a."trainingJobId" = j.id join "System" s on s.id = a."systemId" where j.name = $1`,
    [name],
  );
  expect(stored.rows).toHaveLength(1);
  expect(stored.rows[0]).toMatchObject({ status: "SUCCEEDED", exitCode: 0, systemName });
  await expect(page.getByTestId("artifact-uri")).toHaveText(stored.rows[0].uri);

  await page.goto("/admin/uploads");
  await expect(page.getByRole("cell", { name: systemName })).toBeVisible();
});

test("admin cancels a hanging job and retries it", async ({ page }) => {
  await signIn(page, admin);
  await addCommandBackend(page);
  const name = uniqueName("hang-job");

  await startJob(page, { name, systemName: uniqueName("hang-system"), mode: "hang" });
  await expect(page.getByTestId("training-status")).toHaveText("running", { timeout: 60_000 });
  await expect(page.getByTestId("training-logs")).toContainText("waiting for a signal");

  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("training-status")).toHaveText("cancelled", { timeout: 30_000 });

  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Attempt 2 queued.")).toBeVisible();
  await expect(page.getByTestId("training-status")).toHaveText("running", { timeout: 60_000 });
  await expect(page.getByText("Attempt 2 queued.")).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("training-status")).toHaveText("cancelled", { timeout: 30_000 });
  await expect(page.getByText("Cancel requested; the backend is stopping the job.")).toHaveCount(0);

  const stored = await pool.query<{ status: string; attempt: number }>(`select status, attempt from "TrainingJob" where name = $1`, [name]);
  expect(stored.rows[0]).toEqual({ status: "CANCELLED", attempt: 2 });
});

test("researcher sees jobs without controls", async ({ page }) => {
  const researcher = await createStaffAccount(pool, "RESEARCHER");
  const creator = await pool.query<{ id: string }>(`select id from "User" where email = $1`, [admin.email]);
  const [backendId, jobId, name] = [uniqueName("backend"), uniqueName("job"), uniqueName("failed-job")];
  await pool.query(`insert into "TrainingBackend" (id, name, kind, settings, "createdById") values ($1, $1, 'COMMAND', '{"commandTemplate": "false"}', $2)`, [backendId, creator.rows[0].id]);
  await pool.query(
    `insert into "TrainingJob" (id, name, kind, "backendId", status, spec, "systemName", logs, error, "createdById", "updatedAt")
     values ($1, $2, 'REWARD_MODEL', $3, 'FAILED', '{"baseModel": "huggyllama/llama-7b"}', $2, 'out of memory', 'The command exited with code 1; see the log.', $4, now())`,
    [jobId, name, backendId, creator.rows[0].id],
  );

  await signIn(page, researcher);
  await page.goto(`/training/${jobId}`);

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("training-logs")).toHaveText("out of memory");
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await page.goto("/training");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start job" })).toHaveCount(0);
});
