import { expect, test } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createOpenStudy, uniqueName } from "./support/database";

const HOSTILE_OUTPUT = [
  "**Bold claim** with a list:",
  "",
  "- one",
  "- two",
  "",
  '<script>window.__ladleInjected = "script";</script>',
  '<img src="x" onerror="window.__ladleInjected = \'img\'">',
  '<a href="javascript:window.__ladleInjected = \'link\'">click me</a>',
].join("\n");

let pool: pg.Pool;

test.beforeAll(() => {
  pool = connectToAppDatabase();
});

test.afterAll(async () => {
  await pool.end();
});

test("HTML in a model output renders as inert text", async ({ page }) => {
  const { studyId } = await createOpenStudy(pool, { candidateText: HOSTILE_OUTPUT, baselineText: HOSTILE_OUTPUT });

  await page.goto(`/study/${studyId}?PROLIFIC_PID=${uniqueName("pid")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();

  const responseA = page.getByRole("region", { name: "Response A" });
  await expect(responseA.locator("strong")).toHaveText("Bold claim");
  await expect(responseA.locator("li")).toHaveCount(2);
  await expect(responseA).toContainText('<script>window.__ladleInjected = "script";</script>');
  await expect(responseA).toContainText("<img src=");
  await expect(responseA.locator("script, img, a[href^='javascript']")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ladleInjected?: string }).__ladleInjected)).toBeUndefined();
});

test("double-clicked submit stores one judgment per criterion", async ({ page }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Short answer.", baselineText: "Long answer." });

  await page.goto(`/study/${studyId}?PROLIFIC_PID=${participant}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  const groups = page.locator("fieldset");
  await expect(groups).toHaveCount(3);
  for (let index = 0; index < 3; index += 1) {
    await groups.nth(index).getByLabel("About the same").check();
  }
  await page.getByRole("button", { name: "Submit" }).dblclick();
  await expect(page.getByText(/Item 2 of/)).toBeVisible();

  const stored = await pool.query(
    `select count(*)::int as judgments, count(distinct j."assignmentId")::int as assignments
       from "Judgment" j join "User" u on u.id = j."userId" where u."participantId" = $1`,
    [`prolific:${participant}`],
  );
  expect(stored.rows[0]).toEqual({ judgments: 3, assignments: 1 });
});

test("same Prolific id with a new session resumes the same work", async ({ browser }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "First answer.", baselineText: "Second answer." });

  const firstVisit = await browser.newContext();
  const firstPage = await firstVisit.newPage();
  await firstPage.goto(`/study/${studyId}?PROLIFIC_PID=${participant}&STUDY_ID=s&SESSION_ID=session-one`);
  await firstPage.getByRole("button", { name: "Continue" }).click();
  await firstPage.getByRole("button", { name: "Start" }).click();
  await expect(firstPage.getByRole("heading", { name: "Response A" })).toBeVisible();
  await firstVisit.close();

  const secondVisit = await browser.newContext();
  const secondPage = await secondVisit.newPage();
  await secondPage.goto(`/study/${studyId}?PROLIFIC_PID=${participant}&STUDY_ID=s&SESSION_ID=session-two`);
  await secondPage.getByRole("button", { name: "Continue" }).click();
  await secondPage.getByRole("button", { name: "Start" }).click();
  await expect(secondPage.getByRole("heading", { name: "Response A" })).toBeVisible();
  await secondVisit.close();

  const users = await pool.query(`select id from "User" where "participantId" = $1`, [`prolific:${participant}`]);
  const assignments = await pool.query(`select id from "Assignment" where "userId" = $1`, [users.rows[0].id]);
  const participation = await pool.query(`select "prolificSessionId" from "StudyParticipation" where "userId" = $1`, [users.rows[0].id]);
  expect(users.rowCount).toBe(1);
  expect(assignments.rowCount).toBe(1);
  expect(participation.rows[0].prolificSessionId).toBe("session-two");
});

test("judging responses are neither cached nor compressed", async ({ page }) => {
  const { studyId } = await createOpenStudy(pool, { candidateText: "Plain answer.", baselineText: "Other answer." });
  await page.goto(`/study/${studyId}?PROLIFIC_PID=${uniqueName("pid")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.locator("fieldset")).toHaveCount(3);

  const response = await page.request.get(`/api/studies/${studyId}/next-item`, { headers: { "Accept-Encoding": "gzip, deflate, br" } });

  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store, no-transform");
  expect(response.headers()["content-encoding"]).toBeUndefined();
  expect((await response.json()).done).toBe(false);
});
