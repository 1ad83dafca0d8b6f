import { spawn, type ChildProcess } from "node:child_process";

import { expect, test } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createOpenStudy, createStaffAccount, uniqueName, type StaffAccount } from "./support/database";
import { signIn } from "./support/sign-in";

const JUDGMENT_COUNT = 3000;

let pool: pg.Pool;
let worker: ChildProcess;
let researcher: StaffAccount;
let studyId: string;

/** Create a study with JUDGMENT_COUNT human judgments spread over its items, by one crowdworker. */
async function createJudgedStudy(): Promise<string> {
  const { studyId: id } = await createOpenStudy(pool, { candidateText: "Candidate **answer**.", baselineText: "Baseline answer." });
  const crowdworkerId = uniqueName("worker");
  await pool.query(`insert into "User" (id, role, "participantId", pseudonym) values ($1, 'CROWDWORKER', $2, $3)`, [
    crowdworkerId,
    `prolific:${crowdworkerId}`,
    `W-${crowdworkerId}`,
  ]);
  await pool.query(
    `insert into "Judgment" (id, "studyItemId", "judgeType", "userId", "criterionSideId", verdict, "shownFirst")
     select $1 || '-' || g, items.ids[1 + g % cardinality(items.ids)], 'HUMAN', $2, (select id from "Side" where key = 'P1A'),
            (array['CANDIDATE', 'TIE', 'BASELINE'])[1 + g % 3]::"Verdict", 'CANDIDATE'
     from generate_series(1, $4::int) as g, (select array_agg(id order by id) as ids from "StudyItem" where "studyId" = $3) as items`,
    [uniqueName("judgment"), crowdworkerId, id, JUDGMENT_COUNT],
  );
  return id;
}

test.beforeAll(async () => {
  pool = connectToAppDatabase();
  researcher = await createStaffAccount(pool, "RESEARCHER");
  studyId = await createJudgedStudy();
  // The app only queues exports, so this worker runs them, with the same default EXPORT_DIR as the app under test.
  worker = spawn(process.execPath, ["--import", "tsx", "workers/index.ts"], { env: { ...process.env, LOG_LEVEL: "warn" }, stdio: "inherit" });
});

test.afterAll(async () => {
  worker.kill("SIGTERM");
  await pool.end();
});

test("researcher exports judgments and downloads them", async ({ page }) => {
  await signIn(page, researcher);
  await page.getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { name: "Exports", exact: true })).toBeVisible();

  await page.getByLabel("What to export").selectOption("judgments");
  await page.getByLabel("Study").selectOption(studyId);
  await page.getByLabel("Format").selectOption("jsonl");
  await page.getByRole("button", { name: "Queue export" }).click();
  const queued = page.getByRole("status").filter({ hasText: /Export \S+ queued/ });
  await expect(queued).toBeVisible();
  const exportId = /Export (\S+) queued/.exec((await queued.textContent()) ?? "")![1];

  const row = page.getByTestId(`export-${exportId}`);
  await expect(row.getByTestId("export-status")).toHaveText("complete", { timeout: 60_000 });
  await expect(row.getByTestId("export-progress")).toHaveText(`${JUDGMENT_COUNT.toLocaleString("en")} rows`);

  const fileLink = row.getByRole("link", { name: "judgments.jsonl" });
  const download = await page.request.get((await fileLink.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  const lines = (await download.text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(JUDGMENT_COUNT);
  expect(lines[0]).toMatchObject({ study_id: studyId, judge_type: "HUMAN", candidate_response: "Candidate **answer**." });

  const manifest = await (await page.request.get(`/api/exports/${exportId}/files/manifest.json`)).json();
  expect(manifest.files[0]).toMatchObject({ name: "judgments.jsonl", rows: JUDGMENT_COUNT });
  const stored = await pool.query(`select status, "rowsWritten" from "DataExport" where id = $1`, [exportId]);
  expect(stored.rows[0]).toEqual({ status: "COMPLETE", rowsWritten: JUDGMENT_COUNT });
});

test("export form names bad settings", async ({ page }) => {
  await signIn(page, researcher);
  await page.goto("/exports");

  await page.getByLabel("What to export").selectOption("preference-pairs");
  await page.getByLabel("Study").selectOption(studyId);
  await page.getByLabel("Evaluation fraction").fill("2");
  await page.getByRole("button", { name: "Queue export" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "evalFraction: must be between 0 and 0.5" })).toBeVisible();
  const stored = await pool.query(`select count(*)::int as n from "DataExport" where "studyId" = $1 and kind = 'preference-pairs'`, [studyId]);
  expect(stored.rows[0].n).toBe(0);
});

/**
 * Store an AlpacaFarm-style labelling set of two pairs, judged on side P2A by a judge version
 * that preferred output 2 of the first pair and called the second a tie.
 */
async function createJudgedLabelingSet(): Promise<{ labelingSetId: string; judgeVersionId: string; sentence: string }> {
  const creator = await pool.query<{ id: string }>(`select id from "User" where email = $1`, [researcher.email]);
  const createdById = creator.rows[0].id;
  const side = await pool.query<{ id: string; generationPrompt: string }>(`select id, "generationPrompt" from "Side" where key = 'P2A'`);
  const [labelingSetId, firstPairId, secondPairId, judgeId, judgeVersionId] = ["set", "pair", "pair", "judge", "judge-version"].map(uniqueName);

  await pool.query(`insert into "LabelingSet" (id, name, "sourceFileName", format, "createdById") values ($1, $1, 'pairs.jsonl', 'PAIRS', $2)`, [labelingSetId, createdById]);
  await pool.query(
    `insert into "LabelingPair" (id, "labelingSetId", position, instruction, output1, output2)
     values ($1, $3, 1, 'Name a planet.', 'Mars, the fourth planet from the sun.', 'Mars.'), ($2, $3, 2, 'Name a river.', 'The Nile.', 'The Amazon.')`,
    [firstPairId, secondPairId, labelingSetId],
  );
  await pool.query(`insert into "Judge" (id, name, "createdById") values ($1, $1, $2)`, [judgeId, createdById]);
  await pool.query(
    `insert into "JudgeVersion" (id, "judgeId", version, "baseUrl", model, "apiKeyEnv", temperature, "maxTokens", "verdictMode", "orderMode", templates)
     values ($1, $2, 1, 'http://127.0.0.1:9/v1', 'judge-model-e2e', 'E2E_JUDGE_KEY', 0.1, 512, 'THREE_WAY', 'BOTH_ORDERS', '{}')`,
    [judgeVersionId, judgeId],
  );
  await pool.query(
    `insert into "JudgeRun" (id, "judgeVersionId", "labelingSetId", "criterionSideId", status, "createdById") values ($1, $2, $3, $4, 'COMPLETE', $5)`,
    [uniqueName("run"), judgeVersionId, labelingSetId, side.rows[0].id, createdById],
  );
  await pool.query(
    `insert into "LabelingVerdict" (id, "pairId", "judgeVersionId", outcome) values ($1, $2, $4, 'SECOND'), ($3, $5, $4, 'TIE')`,
    [uniqueName("verdict"), firstPairId, uniqueName("verdict"), judgeVersionId, secondPairId],
  );
  return { labelingSetId, judgeVersionId, sentence: side.rows[0].generationPrompt };
}

test("researcher exports judged labelling pairs", async ({ page }) => {
  const { labelingSetId, judgeVersionId, sentence } = await createJudgedLabelingSet();
  await signIn(page, researcher);
  await page.goto("/exports");

  await page.getByLabel("What to export").selectOption("labeling-pairs");
  await page.getByLabel("Labelling set").selectOption(labelingSetId);
  await page.getByLabel("Judge version").selectOption(judgeVersionId);
  await page.getByLabel("Format").selectOption("trl");
  await page.getByLabel("Evaluation fraction").fill("0");
  await page.getByRole("button", { name: "Queue export" }).click();
  const queued = page.getByRole("status").filter({ hasText: /Export \S+ queued/ });
  await expect(queued).toBeVisible();
  const exportId = /Export (\S+) queued/.exec((await queued.textContent()) ?? "")![1];

  const row = page.getByTestId(`export-${exportId}`);
  await expect(row.getByTestId("export-status")).toHaveText("complete", { timeout: 60_000 });
  const train = await page.request.get((await row.getByRole("link", { name: "train.jsonl" }).getAttribute("href"))!);
  expect(train.status()).toBe(200);
  const rows = (await train.text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(rows).toEqual([
    expect.objectContaining({ prompt: `Name a planet. ${sentence}`, chosen: "Mars.", rejected: "Mars, the fourth planet from the sun.", side: "P2A", split: "train" }),
  ]);
  const manifest = await (await page.request.get(`/api/exports/${exportId}/files/manifest.json`)).json();
  expect(manifest.counts).toMatchObject({ pairsRead: 2, rowsWritten: 1, skippedTie: 1 });
});

test("export API queues and reports an export", async ({ page }) => {
  await signIn(page, researcher);

  const invalid = await page.request.post("/api/exports", { data: { kind: "judgments", format: "xml", studyId } });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.message).toContain("format: must be csv or jsonl");

  const queued = await page.request.post("/api/exports", { data: { kind: "judgments", format: "csv", studyId, judgeType: "human" } });
  expect(queued.status()).toBe(202);
  const { id } = (await queued.json()) as { id: string };
  await expect.poll(async () => (await (await page.request.get(`/api/exports/${id}`)).json()).status, { timeout: 60_000 }).toBe("COMPLETE");

  const csv = await page.request.get(`/api/exports/${id}/files/judgments.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).trim().split("\r\n")).toHaveLength(JUDGMENT_COUNT + 1);
  expect((await page.request.get(`/api/exports/${id}/files/..%2F..%2Fpackage.json`)).status()).toBe(404);
});

test("export routes reject signed-out requests", async ({ request }) => {
  expect((await request.get("/api/exports")).status()).toBe(401);
  expect((await request.post("/api/exports", { data: { kind: "judgments", format: "csv", studyId } })).status()).toBe(401);
  expect((await request.get("/api/exports/any-id/files/manifest.json")).status()).toBe(401);
});
