import { spawn, type ChildProcess } from "node:child_process";

import { expect, test, type Page } from "@playwright/test";
import type pg from "pg";

import { startMockOpenAiServer, type MockOpenAiServer } from "../tests/support/mock-openai-server";
import { connectToAppDatabase, createOpenStudy, createStaffAccount, uniqueName, type StaffAccount } from "./support/database";
import { signIn } from "./support/sign-in";

const KEY_ENV = "LADLE_E2E_JUDGE_KEY";

let pool: pg.Pool;
let server: MockOpenAiServer;
let worker: ChildProcess;
let admin: StaffAccount;
let workerOutput = "";

test.beforeAll(async () => {
  pool = connectToAppDatabase();
  admin = await createStaffAccount(pool, "ADMIN");
  server = await startMockOpenAiServer(() => ({ content: "Thought: the first is clearer.\nResult: Output (a)", delayMs: 50 }));

  // Playwright's webServer starts only the app, so the spec runs the real worker beside it.
  worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, [KEY_ENV]: "e2e-judge-key" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr!.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
});

test.afterAll(async () => {
  worker.kill("SIGTERM");
  await server.close();
  await pool.end();
});

async function createJudgeInUi(page: Page, judgeName: string) {
  await page.goto("/admin/judges");
  await page.getByLabel("Judge name").fill(judgeName);
  await page.getByLabel("Base URL").fill(server.baseUrl);
  await page.getByLabel("Model").fill("mock-judge");
  await page.getByLabel("API key variable").fill(KEY_ENV);
  await page.getByRole("button", { name: "Create judge" }).click();
  await expect(page.getByRole("heading", { name: judgeName })).toBeVisible();
}

test("admin runs a judge over a study once, however often they click", async ({ page }) => {
  const { studyId } = await createOpenStudy(pool, { candidateText: "Candidate answer.", baselineText: "Baseline answer." });
  const study = await pool.query<{ name: string }>(`select name from "Study" where id = $1`, [studyId]);
  const judgeName = uniqueName("judge");
  await signIn(page, admin);
  await createJudgeInUi(page, judgeName);

  await page.getByLabel("Study", { exact: true }).selectOption({ label: `${study.rows[0].name} (open)` });
  await page.getByRole("button", { name: "Preview run" }).click();
  const preview = page.getByLabel("Run preview");
  await expect(preview).toContainText("Calls needed 24");
  await expect(preview).toContainText("Answered from cache 0");
  await preview.getByRole("button", { name: "Start run" }).dblclick();

  await expect(page.getByRole("status")).toContainText(/Run queued|already queued/);
  await expect(page.locator("tr[data-run-id]").first()).toContainText("complete", { timeout: 60_000 });

  const runs = await pool.query(`select r.status from "JudgeRun" r join "JudgeVersion" v on v.id = r."judgeVersionId" join "Judge" j on j.id = v."judgeId" where j.name = $1`, [judgeName]);
  expect(runs.rows).toEqual([{ status: "COMPLETE" }]);
  const judgments = await pool.query<{ count: number }>(
    `select count(*)::int as count from "Judgment" j join "StudyItem" i on i.id = j."studyItemId" where i."studyId" = $1 and j."judgeType" = 'SIMULATED'`,
    [studyId],
  );
  expect(judgments.rows[0].count).toBe(24);
  expect(server.requests).toHaveLength(24);
  expect(workerOutput).not.toContain("e2e-judge-key");
});

test("admin reads why a judge run failed", async ({ page }) => {
  const { studyId } = await createOpenStudy(pool, { candidateText: "Candidate answer.", baselineText: "Baseline answer." });
  const judgeName = uniqueName("judge");
  await signIn(page, admin);
  await createJudgeInUi(page, judgeName);
  const version = await pool.query<{ id: string; createdById: string }>(
    `select v.id, j."createdById" from "JudgeVersion" v join "Judge" j on j.id = v."judgeId" where j.name = $1`,
    [judgeName],
  );
  const error = "Judge endpoint <b>http://127.0.0.1:1</b> refused the connection.";
  await pool.query(
    `insert into "JudgeRun" (id, "judgeVersionId", "studyId", status, error, "createdById", "finishedAt") values ($1, $2, $3, 'FAILED', $4, $5, now())`,
    [uniqueName("run"), version.rows[0].id, studyId, error, version.rows[0].createdById],
  );

  await page.reload();

  const row = page.locator("tr[data-run-id]").first();
  await expect(row).toContainText("failed");
  await expect(row.getByText(error, { exact: true })).toBeVisible();
  await expect(row.locator("b")).toHaveCount(0);
});

test("admin uploads a labelling set after a preview", async ({ page }) => {
  const name = uniqueName("labels");
  const content = [
    { instruction: "Explain tides.", input: "", preference_prompt: "Generate a response that is concise and to the point, without being verbose.", output_1: "Moon.", output_2: "The moon pulls." },
    { instruction: "Explain rain.", input: "", preference_prompt: "Answer as a pirate.", output_1: "Arr.", output_2: "Clouds." },
    { instruction: "Explain rain.", input: "", preference_prompt: "", output_1: "Water falls.", output_2: "Clouds drop water." },
  ]
    .map((row) => JSON.stringify(row))
    .join("\n");
  await signIn(page, admin);

  await page.goto("/admin/labeling");
  await page.getByLabel("Labelling file").setInputFiles({ name: "rollouts.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(content) });
  await page.getByLabel("Labelling set name").fill(name);
  await page.getByRole("button", { name: "Preview labelling set" }).click();
  const report = page.getByLabel("Labelling set import report");
  await expect(report).toContainText("Pairs 3");
  await expect(report).toContainText("Neutral pairs 1");
  await expect(report).toContainText("Pairs whose preference prompt matches no side 1");
  await expect(report).toContainText("P2A (1)");
  await page.getByRole("button", { name: "Confirm import" }).click();

  await expect(page.getByRole("status")).toContainText(`Imported labelling set “${name}” with 3 pairs.`);
  const pairs = await pool.query<{ count: number }>(`select count(*)::int as count from "LabelingPair" p join "LabelingSet" s on s.id = p."labelingSetId" where s.name = $1`, [name]);
  expect(pairs.rows[0].count).toBe(3);
});

test("run preview counts pairs and skipped neutral rollouts", async ({ page }) => {
  const judgeName = uniqueName("judge");
  const setName = uniqueName("rollouts");
  const content = [
    { instruction: "Explain tides.", input: "", preference_prompt: "Generate a response that is concise and to the point, without being verbose.", output_1: "Moon.", output_2: "The moon pulls." },
    { instruction: "Explain tides.", input: "", preference_prompt: "", output_1: "Tides rise.", output_2: "The sea moves." },
  ]
    .map((row) => JSON.stringify(row))
    .join("\n");
  await signIn(page, admin);
  await page.goto("/admin/labeling");
  await page.getByLabel("Labelling file").setInputFiles({ name: "rollouts.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(content) });
  await page.getByLabel("Labelling set name").fill(setName);
  await page.getByRole("button", { name: "Preview labelling set" }).click();
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByRole("status")).toContainText(`Imported labelling set “${setName}” with 2 pairs.`);
  const set = await pool.query<{ id: string }>(`select id from "LabelingSet" where name = $1`, [setName]);

  await createJudgeInUi(page, judgeName);
  await page.getByLabel("Judge", { exact: true }).selectOption("labeling");
  await page.getByLabel("Labelling set").selectOption(set.rows[0].id);
  await page.getByRole("button", { name: "Preview run" }).click();

  const preview = page.getByLabel("Run preview");
  await expect(preview).toContainText("Pairs 2");
  await expect(preview).toContainText("Neutral pairs skipped 1");
  await expect(preview).not.toContainText("Items");
});
