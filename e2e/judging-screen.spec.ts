import { expect, test, type Page } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createOpenStudy, uniqueName } from "./support/database";

let pool: pg.Pool;

test.beforeAll(() => {
  pool = connectToAppDatabase();
});

test.afterAll(async () => {
  await pool.end();
});

/** Enter a study as a Prolific participant and open the first item; the screen is ready once its heading has focus. */
async function startJudging(page: Page, studyId: string, participant: string) {
  await page.goto(`/study/${studyId}?PROLIFIC_PID=${participant}&STUDY_ID=e2e&SESSION_ID=${uniqueName("session")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: /^Item \d+ of/ })).toBeFocused();
}

function criterion(page: Page, index: number) {
  return page.locator("fieldset").nth(index);
}

async function judgmentsOf(participant: string) {
  const result = await pool.query<{ dimension: string; verdict: string; shownFirst: string; assignmentId: string }>(
    `select d.key as dimension, j.verdict::text as verdict, j."shownFirst"::text as "shownFirst", j."assignmentId" as "assignmentId"
       from "Judgment" j
       join "User" u on u.id = j."userId"
       join "Side" s on s.id = j."criterionSideId"
       join "Dimension" d on d.id = s."dimensionId"
      where u."participantId" = $1
      order by d.position`,
    [`prolific:${participant}`],
  );
  return result.rows;
}

async function assignmentsOf(participant: string) {
  const result = await pool.query<{ id: string; status: string; studyItemId: string }>(
    `select a.id, a.status::text as status, a."studyItemId" from "Assignment" a join "User" u on u.id = a."userId"
      where u."participantId" = $1 order by a."assignedAt"`,
    [`prolific:${participant}`],
  );
  return result.rows;
}

test("judges an item with the keyboard only", async ({ page }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Candidate answer.", baselineText: "Baseline answer." });
  await startJudging(page, studyId, participant);

  await page.keyboard.press("1");
  await page.keyboard.press("w");
  await page.keyboard.press("d");

  await expect(criterion(page, 0).getByLabel("Response A is better")).toBeChecked();
  await expect(criterion(page, 1).getByLabel("About the same")).toBeChecked();
  await expect(criterion(page, 2).getByLabel("Response B is better")).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Item 2 of/ })).toBeFocused();

  const judgments = await judgmentsOf(participant);
  expect(judgments.map((judgment) => judgment.dimension)).toEqual(["P1", "P2", "P3"]);
  const shownFirst = judgments[0].shownFirst;
  const shownSecond = shownFirst === "CANDIDATE" ? "BASELINE" : "CANDIDATE";
  expect(judgments.map((judgment) => judgment.verdict)).toEqual([shownFirst, "TIE", shownSecond]);
});

test("shows the keys beside each answer", async ({ page }) => {
  const { studyId } = await createOpenStudy(pool, { candidateText: "One.", baselineText: "Two." });
  await startJudging(page, studyId, uniqueName("pid"));

  await expect(criterion(page, 0).locator("kbd")).toHaveText(["1", "2", "3"]);
  await expect(criterion(page, 1).locator("kbd")).toHaveText(["Q", "W", "E"]);
  await expect(criterion(page, 2).locator("kbd")).toHaveText(["A", "S", "D"]);
  await expect(page.getByRole("button", { name: "Submit" })).toBeDisabled();
  await expect(page.getByRole("timer", { name: "Time on this item" })).toHaveText(/^\d\d:\d\d$/);
});

test("keeps a draft across a page reload", async ({ page }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Draft answer one.", baselineText: "Draft answer two." });
  await startJudging(page, studyId, participant);
  await page.keyboard.press("3");
  await criterion(page, 1).getByLabel("About the same").check();

  await page.reload();

  await expect(page.getByRole("heading", { name: /^Item 1 of/ })).toBeFocused();
  await expect(criterion(page, 0).getByLabel("Response B is better")).toBeChecked();
  await expect(criterion(page, 1).getByLabel("About the same")).toBeChecked();
  await expect(criterion(page, 2).getByRole("radio", { checked: true })).toHaveCount(0);
  await page.keyboard.press("s");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /^Item 2 of/ })).toBeFocused();

  const [first] = await assignmentsOf(participant);
  const judgments = await judgmentsOf(participant);
  expect(judgments).toHaveLength(3);
  expect(new Set(judgments.map((judgment) => judgment.assignmentId))).toEqual(new Set([first.id]));
  expect(judgments.map((judgment) => judgment.verdict).slice(1)).toEqual(["TIE", "TIE"]);
});

test("submits a draft after an expired session", async ({ page, context }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Session answer one.", baselineText: "Session answer two." });
  await startJudging(page, studyId, participant);
  await page.keyboard.press("2");
  await page.keyboard.press("w");
  await page.keyboard.press("s");

  await context.clearCookies();
  await page.keyboard.press("Enter");

  const alert = page.getByRole("alert").filter({ hasText: "Your session has ended" });
  await expect(alert).toBeVisible();
  expect(await judgmentsOf(participant)).toHaveLength(0);
  await alert.getByRole("link", { name: "Sign in again through your study link" }).click();
  await expect(page).toHaveURL(new RegExp(`PROLIFIC_PID=${participant}`));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByText("Your saved answers were restored")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: /^Item 2 of/ })).toBeFocused();

  const assignments = await assignmentsOf(participant);
  const judgments = await judgmentsOf(participant);
  expect(judgments.map((judgment) => judgment.verdict)).toEqual(["TIE", "TIE", "TIE"]);
  expect(judgments[0].assignmentId).toBe(assignments[0].id);
});

test("returning the study frees the lease", async ({ browser }) => {
  const leaver = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Return answer one.", baselineText: "Return answer two." });
  const leaverContext = await browser.newContext();
  const page = await leaverContext.newPage();
  await startJudging(page, studyId, leaver);
  const [lease] = await assignmentsOf(leaver);
  expect(lease.status).toBe("ASSIGNED");
  // Fill every other item, so the only item left to a newcomer is the one being returned.
  await pool.query(`update "StudyItem" set "completedCount" = 1 where "studyId" = $1 and id <> $2`, [studyId, lease.studyItemId]);

  await page.getByRole("button", { name: "Return this study" }).click();
  const dialog = page.getByRole("dialog", { name: "Return this study?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, return the study" }).click();

  await expect(page).toHaveURL(new RegExp(`/study/${studyId}/return$`));
  await expect(page.getByRole("heading", { name: "You have returned this study" })).toBeVisible();
  expect((await assignmentsOf(leaver)).map((assignment) => assignment.status)).toEqual(["RELEASED"]);
  await page.goto(`/study/${studyId}/judge`);
  await expect(page.getByRole("heading", { name: "You are signed out of this study" })).toBeVisible();
  await expect(page.getByText("Answers you chose on your current item are saved")).toHaveCount(0);
  await leaverContext.close();

  const newcomer = uniqueName("pid");
  const newcomerContext = await browser.newContext();
  await startJudging(await newcomerContext.newPage(), studyId, newcomer);
  await newcomerContext.close();

  const [claimed] = await assignmentsOf(newcomer);
  expect(claimed.studyItemId).toBe(lease.studyItemId);
  expect(claimed.status).toBe("ASSIGNED");
});

test("keeps judging when the return is cancelled", async ({ page }) => {
  const participant = uniqueName("pid");
  const { studyId } = await createOpenStudy(pool, { candidateText: "Stay one.", baselineText: "Stay two." });
  await startJudging(page, studyId, participant);

  await page.getByRole("button", { name: "Return this study" }).click();
  const dialog = page.getByRole("dialog", { name: "Return this study?" });
  await page.keyboard.press("1");
  await dialog.getByRole("button", { name: "Keep judging" }).click();

  await expect(dialog).toBeHidden();
  await expect(criterion(page, 0).getByRole("radio", { checked: true })).toHaveCount(0);
  expect((await assignmentsOf(participant)).map((assignment) => assignment.status)).toEqual(["ASSIGNED"]);
});

test("fits a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const { studyId } = await createOpenStudy(pool, { candidateText: "Phone one. ".repeat(200), baselineText: "Phone two." });
  await startJudging(page, studyId, uniqueName("pid"));

  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(375);
  await criterion(page, 0).getByLabel("About the same").tap();
  await expect(criterion(page, 0).getByLabel("About the same")).toBeChecked();
  await context.close();
});
