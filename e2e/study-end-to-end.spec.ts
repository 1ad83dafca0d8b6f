import path from "node:path";

import { expect, test, type Browser, type Page } from "@playwright/test";
import type pg from "pg";

import { connectToAppDatabase, createStaffAccount, uniqueName } from "./support/database";
import { signIn } from "./support/sign-in";

const SHARED_DATA = path.join(process.cwd(), "..", "shared", "data");
const ITEMS_PER_CROWDWORKER = 3;
const CHOICE_CYCLE = ["A", "B", "TIE"] as const;
const CHOICE_LABEL = { A: "Response A is better", TIE: "About the same", B: "Response B is better" } as const;

type Verdict = "CANDIDATE" | "TIE" | "BASELINE";
type Tally = { wins: number; ties: number; losses: number };

let pool: pg.Pool;

test.beforeAll(() => {
  pool = connectToAppDatabase();
});

test.afterAll(async () => {
  await pool.end();
});

test("admin uploads, researcher opens a study, two crowdworkers judge, win rates match", async ({ browser }) => {
  const admin = await createStaffAccount(pool, "ADMIN");
  const researcher = await createStaffAccount(pool, "RESEARCHER");
  const promptSetName = uniqueName("koala-50");
  const baseline = uniqueName("alpaca-7b");
  const candidate = uniqueName("gpt4-0613");

  const adminPage = await browser.newPage();
  await signIn(adminPage, admin);
  await uploadPromptSet(adminPage, promptSetName);
  await uploadModelOutputs(adminPage, promptSetName, "alpaca-7b.json", baseline);
  await uploadModelOutputs(adminPage, promptSetName, "gpt4_0613.json", candidate);
  await adminPage.close();

  const researcherPage = await browser.newPage();
  await signIn(researcherPage, researcher);
  const studyId = await createAndOpenStudy(researcherPage, { promptSetName, baseline, candidate });

  const tallies = new Map<string, Tally>();
  for (const participant of [uniqueName("pid"), uniqueName("pid")]) {
    await judgeAsCrowdworker(browser, studyId, participant, tallies);
  }

  const stored = await pool.query(`select count(*)::int as count from "Judgment" j join "StudyItem" i on i.id = j."studyItemId" where i."studyId" = $1`, [studyId]);
  expect(stored.rows[0].count).toBe(2 * ITEMS_PER_CROWDWORKER * 3);

  await researcherPage.goto(`/studies/${studyId}`);
  await expect(researcherPage.getByTestId(`overall-${candidate}`)).toHaveText(formatOverall(tallies));

  await researcherPage.goto(`/studies/${studyId}/dashboard`);
  for (const [cellKey, tally] of tallies) {
    const [combination, criterion] = cellKey.split("/");
    const cell = researcherPage.getByTestId(`heatmap-HUMAN-${candidate}-${combination}-${criterion}`);
    await expect(cell).toContainText(formatRate(tally));
    await expect(cell).toContainText(`n = ${tally.wins + tally.ties + tally.losses}`);
  }

  const csv = await researcherPage.request.get(`/api/studies/${studyId}/judgments.csv`);
  expect(csv.status()).toBe(200);
  const csvLines = (await csv.text()).trim().split(/\r?\n/);
  expect(csvLines).toHaveLength(1 + 2 * ITEMS_PER_CROWDWORKER * 3);
});

async function uploadPromptSet(page: Page, name: string) {
  await page.goto("/admin/uploads");
  const region = page.getByRole("region", { name: "Upload a prompt set" });
  await region.getByLabel("Prompt set file").setInputFiles(path.join(SHARED_DATA, "koala_eval_50.json"));
  await region.getByLabel("Prompt set name").fill(name);
  await region.getByRole("button", { name: "Preview prompt set" }).click();
  await expect(region).toContainText("Rows read");
  await expect(region).toContainText("50");
  await region.getByRole("button", { name: "Confirm import" }).click();
  await expect(region.getByRole("status")).toContainText("Imported");
}

async function uploadModelOutputs(page: Page, promptSetName: string, fileName: string, systemName: string) {
  await page.goto("/admin/uploads");
  const region = page.getByRole("region", { name: "Upload model outputs" });
  await region.getByLabel("Model outputs file").setInputFiles(path.join(SHARED_DATA, "alpacaeval-koala", fileName));
  await region.getByLabel("Prompt set").selectOption({ label: `${promptSetName} (50 prompts)` });
  await region.getByLabel("System name (optional)").fill(systemName);
  await region.getByRole("button", { name: "Preview model outputs" }).click();
  await expect(region).toContainText(/Matched\s*41/);
  await expect(region).toContainText(/Unmatched\s*115/);
  await region.getByRole("button", { name: "Confirm import" }).click();
  await expect(region.getByRole("status")).toContainText("Imported");
}

async function createAndOpenStudy(page: Page, names: { promptSetName: string; baseline: string; candidate: string }) {
  await page.goto("/studies/new");
  await page.getByLabel("Study name").fill(uniqueName("e2e-study"));
  await page.getByLabel("Prompt set").selectOption({ label: names.promptSetName });
  await page.getByLabel("Baseline system").selectOption({ label: names.baseline });
  await page.getByRole("checkbox", { name: names.candidate, exact: true }).check();
  await page.getByLabel("Judgments per item").fill("1");
  await page.getByLabel("Items per crowdworker").fill(String(ITEMS_PER_CROWDWORKER));
  await page.getByLabel("Instructions").fill("Pick the answer that fits the stated preference better.");
  await page.getByLabel("Completion code").fill("E2ECODE1");
  await page.getByRole("button", { name: "Create study" }).click();

  await expect(page).toHaveURL(/\/studies\/(?!new$)[a-z0-9]+$/);
  const studyId = page.url().split("/").at(-1)!;
  await page.getByRole("button", { name: "Open study" }).click();
  await expect(page.getByRole("button", { name: "Close study" })).toBeVisible();
  return studyId;
}

/**
 * Judges every item offered to one crowdworker with a fixed cycle of choices, and adds the
 * verdicts those choices mean (through the display order stored for the assignment) to `tallies`.
 */
async function judgeAsCrowdworker(browser: Browser, studyId: string, participant: string, tallies: Map<string, Tally>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/study/${studyId}?PROLIFIC_PID=${participant}&STUDY_ID=prolific-study&SESSION_ID=${uniqueName("session")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Start" }).click();

  for (let itemIndex = 0; itemIndex < ITEMS_PER_CROWDWORKER; itemIndex += 1) {
    await expect(page.getByRole("heading", { name: "Response A" })).toBeVisible();
    const assignment = await currentAssignment(participant);

    const groups = page.locator("fieldset");
    const groupCount = await groups.count();
    expect(groupCount).toBe(3);
    for (let criterionIndex = 0; criterionIndex < groupCount; criterionIndex += 1) {
      const choice = CHOICE_CYCLE[(itemIndex + criterionIndex) % CHOICE_CYCLE.length];
      const radio = groups.nth(criterionIndex).getByLabel(CHOICE_LABEL[choice]);
      const criterionSideId = (await radio.getAttribute("name"))!.replace("criterion-", "");
      await radio.check();
      addVerdict(tallies, `${assignment.combination}/${assignment.dimensionBySide.get(criterionSideId)}`, toVerdict(choice, assignment.shownFirst));
    }

    await page.getByRole("button", { name: "Submit" }).click();
    if (itemIndex < ITEMS_PER_CROWDWORKER - 1) {
      await expect(page.getByText(`Item ${itemIndex + 2} of`)).toBeVisible();
      await expect
        .poll(async () => {
          const next = await currentAssignment(participant).catch(() => null);
          return next !== null && next.id !== assignment.id;
        })
        .toBe(true);
    }
  }

  await expect(page.getByText("Your completion code is")).toContainText("E2ECODE1");
  await context.close();
}

async function currentAssignment(participant: string) {
  const result = await pool.query(
    `select a.id, a."shownFirst", c.name as combination
       from "Assignment" a
       join "User" u on u.id = a."userId"
       join "StudyItem" i on i.id = a."studyItemId"
       join "Combination" c on c.id = i."combinationId"
      where u."participantId" = $1 and a.status = 'ASSIGNED'`,
    [`prolific:${participant}`],
  );
  if (result.rowCount !== 1) {
    throw new Error(`expected one active assignment for ${participant}, found ${result.rowCount}`);
  }

  const sides = await pool.query(`select s.id, d.key from "Side" s join "Dimension" d on d.id = s."dimensionId"`);
  const row = result.rows[0];
  return {
    id: row.id as string,
    shownFirst: row.shownFirst as "CANDIDATE" | "BASELINE",
    combination: row.combination as string,
    dimensionBySide: new Map(sides.rows.map((side) => [side.id as string, side.key as string])),
  };
}

function toVerdict(choice: "A" | "B" | "TIE", shownFirst: "CANDIDATE" | "BASELINE"): Verdict {
  if (choice === "TIE") {
    return "TIE";
  }
  const candidateShownAs = shownFirst === "CANDIDATE" ? "A" : "B";
  return choice === candidateShownAs ? "CANDIDATE" : "BASELINE";
}

function addVerdict(tallies: Map<string, Tally>, key: string, verdict: Verdict) {
  const tally = tallies.get(key) ?? { wins: 0, ties: 0, losses: 0 };
  if (verdict === "CANDIDATE") tally.wins += 1;
  if (verdict === "TIE") tally.ties += 1;
  if (verdict === "BASELINE") tally.losses += 1;
  tallies.set(key, tally);
}

function rate(tally: Tally): number {
  return (tally.wins + 0.5 * tally.ties) / (tally.wins + tally.ties + tally.losses);
}

function formatRate(tally: Tally): string {
  return `${(rate(tally) * 100).toFixed(1)}%`;
}

/** Mean over combinations of each combination's mean over its criteria with data. */
function formatOverall(tallies: Map<string, Tally>): string {
  const ratesByCombination = new Map<string, number[]>();
  for (const [key, tally] of tallies) {
    const combination = key.split("/")[0];
    ratesByCombination.set(combination, [...(ratesByCombination.get(combination) ?? []), rate(tally)]);
  }

  const combinationMeans = [...ratesByCombination.values()].map((rates) => rates.reduce((sum, value) => sum + value, 0) / rates.length);
  const overall = combinationMeans.reduce((sum, value) => sum + value, 0) / combinationMeans.length;
  return `${(overall * 100).toFixed(1)}%`;
}
