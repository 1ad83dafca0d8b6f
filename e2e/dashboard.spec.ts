import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";

import { expect, request as playwrightRequest, test, type Download, type Page } from "@playwright/test";
import Papa from "papaparse";
import type pg from "pg";

import { connectToAppDatabase, createStaffAccount, uniqueName, type StaffAccount } from "./support/database";
import { signIn } from "./support/sign-in";

/**
 * A study with two candidates against one baseline, four prompts under two combinations, so
 * 16 items judged twice each. Four crowdworkers judge through the product's API, two from
 * Prolific and two from the plain study link, choosing verdicts from a fixed pattern. The test
 * then recomputes every number it checks from the judgments it submitted.
 */

type Verdict = "CANDIDATE" | "TIE" | "BASELINE";
type Pool = "prolific" | "direct";

type SubmittedJudgment = {
  pool: Pool;
  pseudonym: string;
  itemId: string;
  candidate: string;
  combination: string;
  criterion: string;
  verdict: Verdict;
  choseFirst: boolean;
};

type Tally = { wins: number; ties: number; losses: number };

const CRITERIA = ["P1", "P2", "P3"] as const;
const COMBINATIONS = ["AAA", "ABB"] as const;
const PROMPT_COUNT = 4;
const ITEMS_PER_CROWDWORKER = 8;
const CROWDWORKER_POOLS: Pool[] = ["prolific", "direct", "prolific", "direct"];
const VERDICT_PATTERN: Verdict[] = ["CANDIDATE", "TIE", "BASELINE", "CANDIDATE", "CANDIDATE", "BASELINE", "TIE"];

let pool: pg.Pool;
let researcher: StaffAccount;
let study: { id: string; baseline: string; candidates: [string, string] };
const judgments: SubmittedJudgment[] = [];

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(180_000);
  pool = connectToAppDatabase();
  researcher = await createStaffAccount(pool, "RESEARCHER");
  study = await createDashboardStudy(pool);

  for (const [index, crowdworkerPool] of CROWDWORKER_POOLS.entries()) {
    judgments.push(...(await judgeThroughApi(baseURL!, index, crowdworkerPool)));
  }
  expect(judgments).toHaveLength(CROWDWORKER_POOLS.length * ITEMS_PER_CROWDWORKER * CRITERIA.length);
});

test.afterAll(async () => {
  await pool.end();
});

test("researcher reads, filters, reloads and downloads the dashboard", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const page = await context.newPage();
  await signIn(page, researcher);

  await page.goto(`/studies/${study.id}`);
  await page.getByRole("link", { name: "Open the dashboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/studies/${study.id}/dashboard$`));

  await expect(page.getByTestId("progress-time-zone")).toContainText("America/New_York");
  await expect(page.getByTestId("dashboard-progress-items")).toContainText(`${judgments.length / CRITERIA.length} / 32`);

  await expectHeatmaps(page, judgments);
  await expectLadder(page, judgments);
  await expectAgreement(page, judgments);
  await expectPositionBias(page, judgments);

  const filters = page.getByRole("form", { name: "Dashboard filters" });
  await filters.getByLabel("Crowdworker pool").selectOption("prolific");
  await filters.getByLabel("Ties").selectOption("strict");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/pool=prolific/);
  await expect(page).toHaveURL(/ties=strict/);

  const prolificOnly = judgments.filter((judgment) => judgment.pool === "prolific");
  await expectHeatmaps(page, prolificOnly, "strict");
  await page.reload();
  await expect(filters.getByLabel("Crowdworker pool")).toHaveValue("prolific");
  await expectHeatmaps(page, prolificOnly, "strict");

  const csv = await readDownload(page, page.getByRole("link", { name: "Download Win rates as CSV" }).click());
  expect(csv.fileName).toBe(`win-rates-${study.id}-pool-prolific-ties-strict.csv`);
  expectWinRateCsv(csv.text, prolificOnly);

  const json = JSON.parse((await readDownload(page, page.getByRole("link", { name: "Download Win rates as JSON" }).click())).text);
  expect(json.studyId).toBe(study.id);
  expect(json.view.filter.pool).toBe("prolific");
  expect(json.view.convention).toBe("strict");
  for (const [key, tally] of tallies(prolificOnly)) {
    const [candidate, combination, criterion] = key.split("|");
    const row = json.rows.find(
      (entry: Record<string, unknown>) =>
        entry.judge_kind === "HUMAN" && entry.level === "cell" && entry.candidate_system === candidate && entry.combination === combination && entry.criterion === criterion,
    );
    expect(row, `JSON row for ${key}`).toMatchObject({ wins: tally.wins, ties: tally.ties, losses: tally.losses, n: total(tally), win_rate: tally.wins / total(tally) });
  }

  // The date filter reads local times: midnight in New York on 1 January 2000 is 05:00 UTC.
  await filters.getByLabel("Judged before (America/New_York)").fill("2000-01-01T00:00");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/to=2000-01-01T05%3A00%3A00\.000Z/);
  await expect(page.getByTestId(`heatmap-HUMAN-${study.candidates[0]}-AAA-P1`)).toContainText("no data");
  await expect(page.getByTestId(`heatmap-HUMAN-${study.candidates[0]}-AAA-P1`)).toContainText("n = 0");

  await context.close();
});

test("applying filters keeps a shared date's seconds", async ({ page }) => {
  await signIn(page, researcher);
  await page.goto(`/studies/${study.id}/dashboard?to=2030-01-02T03%3A04%3A05.678Z`);

  const filters = page.getByRole("form", { name: "Dashboard filters" });
  await filters.getByLabel("Crowdworker pool").selectOption("prolific");
  await filters.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/pool=prolific/);
  await expect(page).toHaveURL(/to=2030-01-02T03%3A04%3A05\.678Z/);
});

test("export rejects an invalid filter value", async ({ page }) => {
  await signIn(page, researcher);

  const response = await page.request.get(`/api/studies/${study.id}/stats/win-rates.csv?pool=everyone`);

  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toContain('pool="everyone"');
});

test("export rejects an unknown judge version", async ({ page }) => {
  await signIn(page, researcher);

  const response = await page.request.get(`/api/studies/${study.id}/stats/win-rates.json?judgeVersion=no-such-version`);

  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toContain('judgeVersion="no-such-version": no simulated judge version has this id');
});

test("export rejects an invalid tie convention", async ({ page }) => {
  await signIn(page, researcher);

  const response = await page.request.get(`/api/studies/${study.id}/stats/win-rates.csv?ties=bogus`);

  expect(response.status()).toBe(400);
  expect((await response.json()).error.message).toBe('Invalid ties="bogus": use tiesAsHalf, tiesExcluded or strict.');
});

test("signed-out visitor gets 401 from exports", async ({ request }) => {
  expect((await request.get(`/api/studies/${study.id}/stats/win-rates.csv`)).status()).toBe(401);
});

test("crowdworker cannot open the dashboard or its exports", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/study/${study.id}?PROLIFIC_PID=${uniqueName("pid")}&STUDY_ID=dashboard&SESSION_ID=${uniqueName("session")}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/study/${study.id}/instructions$`));

  await page.goto(`/studies/${study.id}/dashboard`);
  await expect(page).toHaveURL(/\/forbidden$/);
  for (const file of ["win-rates.csv", "ratings.json", "quality.csv"]) {
    expect((await page.request.get(`/api/studies/${study.id}/stats/${file}`)).status()).toBe(403);
  }
  await context.close();
});

async function expectHeatmaps(page: Page, subset: SubmittedJudgment[], convention: "tiesAsHalf" | "strict" = "tiesAsHalf") {
  const byCell = tallies(subset);
  for (const candidate of study.candidates) {
    for (const combination of COMBINATIONS) {
      for (const criterion of CRITERIA) {
        const tally = byCell.get(`${candidate}|${combination}|${criterion}`) ?? { wins: 0, ties: 0, losses: 0 };
        const cell = page.getByTestId(`heatmap-HUMAN-${candidate}-${combination}-${criterion}`);
        await expect(cell).toContainText(total(tally) === 0 ? "no data" : percent(rate(tally, convention)));
        await expect(cell).toContainText(`n = ${total(tally)}`);
      }
    }
    await expect(page.getByTestId(`heatmap-HUMAN-${candidate}-overall`)).toHaveText(percent(overall(byCell, candidate, convention)));
    // No simulated judge ran, so its cells read "no data" rather than an even split.
    await expect(page.getByTestId(`heatmap-SIMULATED-${candidate}-AAA-P1`)).toContainText("no data");
  }
}

/**
 * Check each rating and the pairwise counts against values derived from the judgments. The
 * only comparisons are each candidate against the baseline, so the maximum-likelihood
 * fit gives each candidate odds (wins + ties / 2) / (losses + ties / 2) against the baseline.
 * Ratings are 400 log10 of strength, shifted so that their mean is 1000.
 */
async function expectLadder(page: Page, subset: SubmittedJudgment[]) {
  const logOdds = study.candidates.map((candidate) => {
    const tally = sumTallies(subset.filter((judgment) => judgment.candidate === candidate));
    return 400 * Math.log10((tally.wins + tally.ties / 2) / (tally.losses + tally.ties / 2));
  });
  const baselineRating = 1000 - (logOdds[0] + logOdds[1]) / 3;
  const expected = new Map([
    [study.baseline, baselineRating],
    [study.candidates[0], baselineRating + logOdds[0]],
    [study.candidates[1], baselineRating + logOdds[1]],
  ]);

  for (const [system, rating] of expected) {
    const value = page.getByTestId(`rating-value-${system}`);
    await expect(value).toHaveText(/^\d+$/);
    const shown = Number(await value.textContent());
    expect(Math.abs(shown - rating), `rating of ${system}: shown ${shown}, expected ${rating}`).toBeLessThanOrEqual(0.5 + 1e-9);
  }

  const order = [...expected].sort(([, left], [, right]) => right - left).map(([system]) => system);
  await expect(page.getByTestId("rating-ladder-table").locator("tbody tr th")).toHaveText(order.map((system) => new RegExp(`^${system}`)));

  for (const candidate of study.candidates) {
    const tally = sumTallies(subset.filter((judgment) => judgment.candidate === candidate));
    await expect(page.getByTestId(`pairwise-${candidate}-${study.baseline}`)).toContainText(`${tally.wins}–${tally.ties}–${tally.losses} (n = ${total(tally)})`);
  }
}

/**
 * Check pairwise agreement and Fleiss' kappa per criterion. Each item and criterion has exactly
 * two crowdworker verdicts, so Fleiss' kappa reduces to observed versus chance agreement over units.
 */
async function expectAgreement(page: Page, subset: SubmittedJudgment[]) {
  for (const criterion of CRITERIA) {
    const units = new Map<string, Verdict[]>();
    for (const judgment of subset.filter((entry) => entry.criterion === criterion)) {
      units.set(judgment.itemId, [...(units.get(judgment.itemId) ?? []), judgment.verdict]);
    }
    const pairs = [...units.values()].filter((verdicts) => verdicts.length === 2);
    const observed = pairs.filter(([first, second]) => first === second).length / pairs.length;
    const ratings = pairs.flat();
    const chance = (["CANDIDATE", "TIE", "BASELINE"] as const).reduce(
      (sum, verdict) => sum + (ratings.filter((rating) => rating === verdict).length / ratings.length) ** 2,
      0,
    );

    await expect(page.getByTestId(`pairwise-agreement-${criterion}`)).toHaveText(percent(observed));
    await expect(page.getByTestId(`fleiss-${criterion}`)).toHaveText(((observed - chance) / (1 - chance)).toFixed(3));
  }
}

async function expectPositionBias(page: Page, subset: SubmittedJudgment[]) {
  for (const pseudonym of new Set(subset.map((judgment) => judgment.pseudonym))) {
    const mine = subset.filter((judgment) => judgment.pseudonym === pseudonym);
    const choseFirst = mine.filter((judgment) => judgment.choseFirst).length;
    await expect(page.getByTestId(`position-bias-${pseudonym}`)).toContainText(`${((choseFirst / mine.length) * 100).toFixed(1)}% of ${mine.length}`);
  }
}

function expectWinRateCsv(csv: string, subset: SubmittedJudgment[]) {
  const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
  const cellRows = rows.filter((row) => row.judge_kind === "HUMAN" && row.level === "cell");
  expect(cellRows).toHaveLength(study.candidates.length * COMBINATIONS.length * CRITERIA.length);

  const byCell = tallies(subset);
  for (const row of cellRows) {
    const tally = byCell.get(`${row.candidate_system}|${row.combination}|${row.criterion}`) ?? { wins: 0, ties: 0, losses: 0 };
    expect(row.tie_convention).toBe("strict");
    expect(Number(row.wins)).toBe(tally.wins);
    expect(Number(row.ties)).toBe(tally.ties);
    expect(Number(row.losses)).toBe(tally.losses);
    expect(Number(row.n)).toBe(total(tally));
    expect(row.win_rate === "" ? null : Number(row.win_rate)).toBe(total(tally) === 0 ? null : tally.wins / total(tally));
  }
}

async function readDownload(page: Page, click: Promise<void>): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click]);
  return { fileName: (download as Download).suggestedFilename(), text: await readFile((await (download as Download).path())!, "utf8") };
}

function tallies(subset: SubmittedJudgment[]): Map<string, Tally> {
  const byCell = new Map<string, Tally>();
  for (const judgment of subset) {
    const key = `${judgment.candidate}|${judgment.combination}|${judgment.criterion}`;
    byCell.set(key, sumTallies([judgment], byCell.get(key)));
  }
  return byCell;
}

function sumTallies(subset: SubmittedJudgment[], start: Tally = { wins: 0, ties: 0, losses: 0 }): Tally {
  const tally = { ...start };
  for (const judgment of subset) {
    if (judgment.verdict === "CANDIDATE") tally.wins += 1;
    if (judgment.verdict === "TIE") tally.ties += 1;
    if (judgment.verdict === "BASELINE") tally.losses += 1;
  }
  return tally;
}

function total(tally: Tally): number {
  return tally.wins + tally.ties + tally.losses;
}

function rate(tally: Tally, convention: "tiesAsHalf" | "strict"): number {
  return convention === "strict" ? tally.wins / total(tally) : (tally.wins + tally.ties / 2) / total(tally);
}

/** Mean over combinations of the mean over criteria with judgments. */
function overall(byCell: Map<string, Tally>, candidate: string, convention: "tiesAsHalf" | "strict"): number {
  const combinationMeans = COMBINATIONS.map((combination) => {
    const rates = CRITERIA.map((criterion) => byCell.get(`${candidate}|${combination}|${criterion}`))
      .filter((tally): tally is Tally => tally !== undefined && total(tally) > 0)
      .map((tally) => rate(tally, convention));
    return rates.length === 0 ? null : rates.reduce((sum, value) => sum + value, 0) / rates.length;
  }).filter((mean): mean is number => mean !== null);
  return combinationMeans.reduce((sum, value) => sum + value, 0) / combinationMeans.length;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * Store an open study of two candidates against a baseline over four prompts and the
 * combinations AAA and ABB, judged on P1 to P3 by two crowdworkers per item. Candidate
 * responses differ in length from the baseline so the length panel has data in several bins.
 */
async function createDashboardStudy(db: pg.Pool): Promise<typeof study> {
  const prefix = uniqueName("dash");
  const creator = await db.query<{ id: string }>(`select id from "User" where email = $1`, [researcher.email]);
  const [baseline, first, second] = ["baseline", "soup", "prompted"].map((name) => `${prefix}-${name}`);
  const promptSetId = `${prefix}-set`;
  const batchId = `${prefix}-batch`;
  const studyId = `${prefix}-study`;

  await db.query(`insert into "PromptSet" (id, name, "sourceFileName") values ($1, $1, 'dashboard.json')`, [promptSetId]);
  await db.query(`insert into "System" (id, name) values ($1, $1), ($2, $2), ($3, $3)`, [baseline, first, second]);
  await db.query(`insert into "ImportBatch" (id, kind, "fileName", "rowsRead", "rowsStored", "createdById") values ($1, 'RESPONSES', 'dashboard.json', 0, 0, $2)`, [
    batchId,
    creator.rows[0].id,
  ]);
  await db.query(
    `insert into "Study" (id, name, status, "promptSetId", "baselineSystemId", "criterionDimensionKeys", "judgmentsPerItem", "itemsPerWorker", instructions, "completionCode", "createdById", "openedAt")
     values ($1, $1, 'OPEN', $2, $3, array['P1','P2','P3'], 2, $4, 'Pick the better answer.', 'DASH123', $5, now())`,
    [studyId, promptSetId, baseline, ITEMS_PER_CROWDWORKER, creator.rows[0].id],
  );
  await db.query(`insert into "StudyCandidate" ("studyId", "systemId") values ($1, $2), ($1, $3)`, [studyId, first, second]);
  const combinations = await db.query<{ id: string; name: string }>(`select id, name from "Combination" where name = any($1::text[]) and "sideKeys" ~ '^P1.\\+P2.\\+P3.$'`, [[...COMBINATIONS]]);
  expect(combinations.rows).toHaveLength(COMBINATIONS.length);

  for (const combination of combinations.rows) {
    await db.query(`insert into "StudyCombination" ("studyId", "combinationId") values ($1, $2)`, [studyId, combination.id]);
  }
  for (let index = 0; index < PROMPT_COUNT; index += 1) {
    const promptId = `${prefix}-prompt-${index}`;
    await db.query(`insert into "Prompt" (id, "promptSetId", "externalId", text, position) values ($1, $2, $3, $4, $5)`, [
      promptId,
      promptSetId,
      String(index + 1),
      `Question ${index + 1}: how do tides work?`,
      index,
    ]);
    const insertResponse = `insert into "Response" (id, "promptId", "systemId", text, "importBatchId") values ($1, $2, $3, $4, $5)`;
    await db.query(insertResponse, [`${promptId}-${baseline}`, promptId, baseline, "The moon pulls the sea.".repeat(index + 1), batchId]);
    for (const [position, system] of [first, second].entries()) {
      await db.query(insertResponse, [`${promptId}-${system}`, promptId, system, "Gravity of the moon and sun raises the water. ".repeat(position * 4 + 1), batchId]);
      for (const combination of combinations.rows) {
        await db.query(
          `insert into "StudyItem" (id, "studyId", "promptId", "combinationId", "candidateResponseId", "baselineResponseId") values ($1, $2, $3, $4, $5, $6)`,
          [`${promptId}-${system}-${combination.name}`, studyId, promptId, combination.id, `${promptId}-${system}`, `${promptId}-${baseline}`],
        );
      }
    }
  }

  return { id: studyId, baseline, candidates: [first, second] };
}

/**
 * Sign a crowdworker in through Auth.js the way the study page does. Then judge every item the
 * study offers them through GET next-item and POST judgments. Each verdict comes from
 * VERDICT_PATTERN and is sent as A or B according to the stored display order.
 */
async function judgeThroughApi(baseURL: string, crowdworkerIndex: number, crowdworkerPool: Pool): Promise<SubmittedJudgment[]> {
  const api = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  const signedIn = await api.post("/api/auth/callback/participant", {
    form: {
      csrfToken,
      studyId: study.id,
      prolificPid: crowdworkerPool === "prolific" ? uniqueName("pid") : "",
      prolificStudyId: crowdworkerPool === "prolific" ? "dashboard-prolific-study" : "",
      prolificSessionId: crowdworkerPool === "prolific" ? uniqueName("session") : "",
      callbackUrl: `${baseURL}/study/${study.id}/instructions`,
    },
    maxRedirects: 0,
  });
  expect(signedIn.status(), "participant sign-in redirects").toBe(302);

  const submitted: SubmittedJudgment[] = [];
  for (let itemIndex = 0; ; itemIndex += 1) {
    const next = await api.get(`/api/studies/${study.id}/next-item`);
    expect(next.status()).toBe(200);
    const body = await next.json();
    if (body.done) {
      break;
    }

    const { assignmentId, criteria } = body.assignment as { assignmentId: string; criteria: { criterionSideId: string; dimensionKey: string }[] };
    const stored = await pool.query<{ shownFirst: "CANDIDATE" | "BASELINE"; itemId: string; candidate: string; combination: string; pseudonym: string }>(
      `select a."shownFirst", i.id as "itemId", s.name as candidate, c.name as combination, u.pseudonym
         from "Assignment" a
         join "StudyItem" i on i.id = a."studyItemId"
         join "Response" r on r.id = i."candidateResponseId"
         join "System" s on s.id = r."systemId"
         join "Combination" c on c.id = i."combinationId"
         join "User" u on u.id = a."userId"
        where a.id = $1`,
      [assignmentId],
    );
    const assignment = stored.rows[0];

    const answers = criteria.map((criterion, criterionIndex) => {
      const verdict = VERDICT_PATTERN[(crowdworkerIndex * 5 + itemIndex * 3 + criterionIndex) % VERDICT_PATTERN.length];
      const choice = choiceFor(verdict, assignment.shownFirst);
      submitted.push({
        pool: crowdworkerPool,
        pseudonym: assignment.pseudonym,
        itemId: assignment.itemId,
        candidate: assignment.candidate,
        combination: assignment.combination,
        criterion: criterion.dimensionKey,
        verdict,
        choseFirst: choice === "A",
      });
      return { criterionSideId: criterion.criterionSideId, choice };
    });

    const response = await api.post(`/api/assignments/${assignmentId}/judgments`, { data: { requestId: randomUUID(), answers } });
    expect(response.status(), await response.text()).toBe(200);
  }

  await api.dispose();
  expect(submitted).toHaveLength(ITEMS_PER_CROWDWORKER * CRITERIA.length);
  return submitted;
}

function choiceFor(verdict: Verdict, shownFirst: "CANDIDATE" | "BASELINE"): "A" | "TIE" | "B" {
  if (verdict === "TIE") {
    return "TIE";
  }
  return verdict === shownFirst ? "A" : "B";
}
