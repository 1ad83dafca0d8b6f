import { expect, test, type Browser } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createOpenStudy, createStaffAccount, uniqueName } from "./support/database";
import { signIn } from "./support/sign-in";

let pool: pg.Pool;
let studyId: string;

test.beforeAll(async () => {
  pool = connectToAppDatabase();
  ({ studyId } = await createOpenStudy(pool, { candidateText: "Candidate answer.", baselineText: "Baseline answer." }));
});

test.afterAll(async () => {
  await pool.end();
});

async function enterAsCrowdworker(browser: Browser, participant: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/study/${studyId}?PROLIFIC_PID=${participant}&STUDY_ID=access&SESSION_ID=${uniqueName("session")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: "Response A" })).toBeVisible();
  return { context, page };
}

async function activeAssignmentId(participant: string): Promise<string> {
  const result = await pool.query(
    `select a.id from "Assignment" a join "User" u on u.id = a."userId" where u."participantId" = $1 and a.status = 'ASSIGNED'`,
    [`prolific:${participant}`],
  );
  return result.rows[0].id;
}

test("signed-out visitors are sent to sign in", async ({ page, request }) => {
  for (const path of ["/studies", "/admin/uploads", "/preferences"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }

  expect((await request.get(`/api/studies/${studyId}/stats/win-rates.json`)).status()).toBe(401);
  expect((await request.get(`/api/studies/${studyId}/judgments.csv`)).status()).toBe(401);
  expect((await request.get(`/api/studies/${studyId}/next-item`)).status()).toBe(401);
});

test("researcher cannot reach admin uploads", async ({ page }) => {
  await signIn(page, await createStaffAccount(pool, "RESEARCHER"));

  await page.goto("/admin/uploads");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  expect((await page.request.get(`/api/studies/${studyId}/next-item`)).status()).toBe(403);
});

test("crowdworker reaches neither researcher nor admin pages", async ({ browser }) => {
  const { context, page } = await enterAsCrowdworker(browser, uniqueName("pid"));

  for (const path of ["/studies", "/admin/uploads", "/preferences", `/studies/${studyId}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/forbidden$/);
  }
  expect((await page.request.get(`/api/studies/${studyId}/judgments.csv`)).status()).toBe(403);
  expect((await page.request.get(`/api/studies/${studyId}/stats/win-rates.json`)).status()).toBe(403);
  await context.close();
});

test("crowdworker gets 403 for another crowdworker's item", async ({ browser }) => {
  const owner = uniqueName("pid");
  const first = await enterAsCrowdworker(browser, owner);
  const second = await enterAsCrowdworker(browser, uniqueName("pid"));
  const ownersAssignment = await activeAssignmentId(owner);

  const read = await second.page.request.get(`/api/assignments/${ownersAssignment}`);
  const submit = await second.page.request.post(`/api/assignments/${ownersAssignment}/judgments`, {
    data: { requestId: crypto.randomUUID(), answers: [{ dimensionKey: "P1", choice: "A" }, { dimensionKey: "P2", choice: "A" }, { dimensionKey: "P3", choice: "A" }] },
  });
  const forged = await second.page.request.post(`/api/assignments/${uniqueName("forged")}/judgments`, {
    data: { requestId: crypto.randomUUID(), answers: [{ dimensionKey: "P1", choice: "A" }] },
  });

  expect(read.status()).toBe(403);
  expect(submit.status()).toBe(403);
  expect(forged.status()).toBe(403);
  const stored = await pool.query(`select count(*)::int as count from "Judgment" where "assignmentId" = $1`, [ownersAssignment]);
  expect(stored.rows[0].count).toBe(0);

  await first.context.close();
  await second.context.close();
});

test("unknown API path returns a JSON 404", async ({ request }) => {
  const response = await request.get(`/api/studies/${studyId}/win-rates`);

  expect(response.status()).toBe(404);
  expect((await response.json()).error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining(`No API route at /api/studies/${studyId}/win-rates`) });
});

test("unknown study link answers 404", async ({ page }) => {
  const response = await page.goto(`/study/${uniqueName("no-such-study")}?PROLIFIC_PID=${uniqueName("participant")}`);

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This study link is not valid" })).toBeVisible();
});
