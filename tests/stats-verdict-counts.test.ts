import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import { createSeededRandom } from "@/lib/stats/create-seeded-random";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { canQueryVerdictCounts } from "@/lib/stats/query-verdict-count-lists";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings, uniqueName } from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type JudgmentInput = {
  studyItemId: string;
  criterionSideId: string;
  verdict: Verdict;
  shownFirst: ComparedSystem;
  judgeType: "HUMAN" | "SIMULATED";
  userId?: string;
  judgeVersionId?: string;
};

const VERDICTS: Verdict[] = ["CANDIDATE", "TIE", "BASELINE"];

/**
 * Five prompts under AAA and AAB, candidates "a-soup" and "b-multi" against "base", criteria P1
 * and P2. Crowdworkers w1 and w2 count, w3 is excluded from the study's results. Two versions of
 * one simulated judge.
 */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const workers = [await createUser("CROWDWORKER"), await createUser("CROWDWORKER"), await createUser("CROWDWORKER")];
  const { promptSet, prompts } = await createPromptSet(5);
  const base = await createSystem(uniqueName("base"));
  const soup = await createSystem(uniqueName("a-soup"));
  const multi = await createSystem(uniqueName("b-multi"));
  const combinations = await Promise.all(["AAA", "AAB"].map(findCombination));
  const promptIds = prompts.map((prompt) => prompt.id);
  for (const system of [base, soup, multi]) {
    await addResponses({ uploaderId: researcher.id, systemId: system.id, promptIds, combinationId: null });
  }

  const study = await createStudy({
    actor: researcher,
    input: {
      ...studySettings({ promptSetId: promptSet.id, baselineSystemId: base.id, candidateSystemIds: [soup.id, multi.id], combinationIds: combinations.map((combination) => combination.id) }),
      criterionDimensionKeys: ["P1", "P2"],
    },
  });
  await openStudy({ actor: researcher, studyId: study.id });
  await db.crowdworkerExclusion.create({ data: { studyId: study.id, userId: workers[2].id, reason: "Failed attention checks.", excludedById: researcher.id } });

  const judge = await db.judge.create({ data: { name: uniqueName("sim judge"), createdById: researcher.id } });
  const judgeVersions = [];
  for (const version of [1, 2]) {
    judgeVersions.push(
      await db.judgeVersion.create({
        data: { judgeId: judge.id, version, baseUrl: "http://127.0.0.1:9/v1", model: "test", apiKeyEnv: "TEST_KEY", temperature: 0.1, maxTokens: 512, verdictMode: "THREE_WAY", orderMode: "BOTH_ORDERS", templates: {} },
      }),
    );
  }

  const items = await db.studyItem.findMany({ where: { studyId: study.id, kind: "REGULAR" }, include: { combination: { include: { sides: { include: { side: true } } } } }, orderBy: { id: "asc" } });
  return { researcher, workers, study, judgeVersions, items, promptIds };
}

/**
 * Plan seeded judgments: each crowdworker judges P1 and P2 of about two thirds of the items,
 * and each judge version judges both criteria of every item in the given shown order.
 */
function planJudgments(fixture: Fixture, seed: number, shownFirst: ComparedSystem): JudgmentInput[] {
  const random = createSeededRandom(seed);
  const verdict = () => VERDICTS[Math.floor(random() * VERDICTS.length)];
  const judgments: JudgmentInput[] = [];
  for (const item of fixture.items) {
    const sides = item.combination.sides.map((entry) => entry.side).filter((side) => side.key.startsWith("P1") || side.key.startsWith("P2"));
    for (const side of sides) {
      for (const worker of fixture.workers) {
        if (random() < 0.67) {
          judgments.push({ studyItemId: item.id, criterionSideId: side.id, verdict: verdict(), shownFirst, judgeType: "HUMAN", userId: worker.id });
        }
      }
      for (const judgeVersion of fixture.judgeVersions) {
        judgments.push({ studyItemId: item.id, criterionSideId: side.id, verdict: verdict(), shownFirst, judgeType: "SIMULATED", judgeVersionId: judgeVersion.id });
      }
    }
  }
  return judgments;
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
  await db.judgment.createMany({ data: planJudgments(fixture, 11, "CANDIDATE") });
});

const FILTERS: Partial<StudyStatsFilter>[] = [
  {},
  { judgeKind: "human" },
  { judgeKind: "simulated" },
  { excludedCrowdworkers: "keep" },
  { judgeVersionId: "first" },
  { judgeVersionId: "second", judgeKind: "simulated" },
];

/** Replace the judge version placeholders with the fixture's version ids. */
function resolveFilter(filter: Partial<StudyStatsFilter>): StudyStatsFilter {
  const versionByPlaceholder: Record<string, string> = { first: fixture.judgeVersions[0].id, second: fixture.judgeVersions[1].id };
  const judgeVersionId = filter.judgeVersionId ? versionByPlaceholder[filter.judgeVersionId] : null;
  return { ...DEFAULT_STUDY_STATS_FILTER, ...filter, judgeVersionId };
}

/**
 * Compute the table from JudgmentVerdictCount (the filter as given) and by grouping every
 * judgment (the same filter with a date range that contains every judgment) and expect them equal.
 */
async function expectSameTables(filter: StudyStatsFilter) {
  const fromCounts = await getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, filter, rounds: 200 });
  const grouped = await getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, filter: { ...filter, from: new Date("2000-01-01T00:00:00Z") }, rounds: 200 });

  expect(canQueryVerdictCounts(filter)).toBe(true);
  expect(fromCounts.judgeKinds.length).toBeGreaterThan(0);
  for (const judgeKind of fromCounts.judgeKinds) {
    expect(judgeKind.n).toBeGreaterThan(0);
  }
  expect(fromCounts.judgeKinds).toEqual(grouped.judgeKinds);
}

/** Expect JudgmentVerdictCount to contain exactly the study's judgments grouped by item, criterion and judge. */
async function expectCountsMatchJudgments() {
  const mismatches = await db.$queryRaw<{ studyItemId: string }[]>`
    WITH grouped AS (
      SELECT "studyItemId", "criterionSideId", "judgeType", coalesce("judgeVersionId", '') AS "judgeVersionId", "studyItemKind",
        count(*) FILTER (WHERE "verdict" = 'CANDIDATE')::int AS wins,
        count(*) FILTER (WHERE "verdict" = 'TIE')::int AS ties,
        count(*) FILTER (WHERE "verdict" = 'BASELINE')::int AS losses
      FROM "Judgment" WHERE "studyId" = ${fixture.study.id}
      GROUP BY 1, 2, 3, 4, 5
    ),
    stored AS (
      SELECT "studyItemId", "criterionSideId", "judgeType", "judgeVersionId", "studyItemKind", wins, ties, losses
      FROM "JudgmentVerdictCount" WHERE "studyId" = ${fixture.study.id}
    )
    SELECT "studyItemId" FROM ((SELECT * FROM grouped EXCEPT SELECT * FROM stored) UNION ALL (SELECT * FROM stored EXCEPT SELECT * FROM grouped)) differences
  `;
  expect(mismatches).toEqual([]);
  expect(await db.judgmentVerdictCount.count({ where: { studyId: fixture.study.id } })).toBeGreaterThan(0);
}

describe("JudgmentVerdictCount", () => {
  it("matches the judgments after a bulk insert", async () => {
    await expectCountsMatchJudgments();
  });

  for (const filter of FILTERS) {
    it(`gives the grouped table for ${JSON.stringify(filter)}`, async () => {
      await expectSameTables(resolveFilter(filter));
    });
  }

  it("follows single inserts, verdict changes, deletes and items marked gold", async () => {
    for (const judgment of planJudgments(fixture, 12, "BASELINE")) {
      await db.judgment.create({ data: judgment });
    }
    const changed = await db.judgment.findMany({ where: { studyId: fixture.study.id }, orderBy: { id: "asc" }, take: 20 });
    for (const judgment of changed.slice(0, 10)) {
      await db.judgment.update({ where: { id: judgment.id }, data: { verdict: judgment.verdict === "TIE" ? "CANDIDATE" : "TIE" } });
    }
    await db.judgment.deleteMany({ where: { id: { in: changed.slice(10).map((judgment) => judgment.id) } } });
    await db.studyItem.update({ where: { id: fixture.items[0].id }, data: { kind: "GOLD" } });

    await expectCountsMatchJudgments();
    for (const filter of FILTERS) {
      await expectSameTables(resolveFilter(filter));
    }
  });

  it("skips criteria outside the study", async () => {
    const filter = resolveFilter({});
    const read = () => getStudyWinRateTable({ actor: fixture.researcher, studyId: fixture.study.id, filter, rounds: 200 });
    const before = await read();
    // The last prompt has the highest statsKey, so a count wrongly added at cell -1 would land in another prompt's cells.
    const item = await db.studyItem.findFirstOrThrow({
      where: { studyId: fixture.study.id, kind: "REGULAR", promptId: fixture.promptIds.at(-1) },
      include: { combination: { include: { sides: { include: { side: true } } } } },
    });
    const unaskedSide = item.combination.sides.map((entry) => entry.side).find((side) => side.key.startsWith("P3"))!;
    await db.judgment.create({
      data: { studyItemId: item.id, criterionSideId: unaskedSide.id, verdict: "CANDIDATE", shownFirst: "CANDIDATE", judgeType: "HUMAN", userId: fixture.workers[0].id },
    });

    expect((await read()).judgeKinds).toEqual(before.judgeKinds);
    await expectSameTables(filter);
  });

  it("leaves no rows for an item whose judgments are all deleted", async () => {
    const item = fixture.items[1];
    await db.judgment.deleteMany({ where: { studyItemId: item.id } });

    expect(await db.judgmentVerdictCount.count({ where: { studyItemId: item.id } })).toBe(0);
    await expectCountsMatchJudgments();
  });
});
