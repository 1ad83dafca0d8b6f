import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import type { Choice } from "@/lib/assignment/schemas";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { DASHBOARD_TABLE_NAMES } from "@/lib/dashboard/dashboard-table";
import { parseDashboardView } from "@/lib/dashboard/dashboard-view";
import { loadDashboardTable } from "@/lib/dashboard/load-dashboard-table";
import { db } from "@/lib/db/prisma";

import { createCrowdworker, createJudgingStudy } from "./assignment-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

const CHOICES: Choice[] = ["A", "B", "TIE", "A"];

/**
 * Eight items judged twice by three crowdworkers through the claim and submit functions, and
 * once on every criterion by one simulated judge version.
 */
async function buildFixture() {
  const { study, candidate } = await createJudgingStudy({ itemCount: 8, judgmentsPerItem: 2, itemsPerWorker: 8 });
  const researcher = await db.user.findUniqueOrThrow({ where: { id: study.createdById } });
  const crowdworkers = [await createCrowdworker(study.id), await createCrowdworker(study.id), await createCrowdworker(study.id)];

  let submitted = 0;
  for (const [workerIndex, crowdworker] of crowdworkers.entries()) {
    for (let itemIndex = 0; ; itemIndex += 1) {
      const assignment = await claimNextItem({ studyId: study.id, userId: crowdworker.id });
      if (!assignment) {
        break;
      }
      const answers = ["P1", "P2", "P3"].map((dimensionKey, criterionIndex) => ({
        dimensionKey,
        choice: CHOICES[(workerIndex + itemIndex + criterionIndex) % CHOICES.length],
      }));
      await submitJudgment({ assignmentId: assignment.id, userId: crowdworker.id, requestId: randomUUID(), answers });
      submitted += 1;
    }
  }

  const judge = await db.judge.create({ data: { name: `judge-${randomUUID().slice(0, 8)}`, createdById: researcher.id } });
  const judgeVersion = await db.judgeVersion.create({
    data: {
      judgeId: judge.id,
      version: 1,
      baseUrl: "http://127.0.0.1:9/v1",
      model: "test-model",
      apiKeyEnv: "TEST_JUDGE_API_KEY",
      temperature: 0.1,
      maxTokens: 512,
      verdictMode: "THREE_WAY",
      orderMode: "ONE_ORDER",
      templates: {},
    },
  });
  const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P2A", "P3A"] } } });
  const items = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
  for (const [itemIndex, item] of items.entries()) {
    for (const side of sides) {
      await db.judgment.create({
        data: {
          studyItemId: item.id,
          criterionSideId: side.id,
          judgeType: "SIMULATED",
          judgeVersionId: judgeVersion.id,
          verdict: itemIndex % 2 === 0 ? "CANDIDATE" : "BASELINE",
          shownFirst: "CANDIDATE",
        },
      });
    }
  }

  return { study, candidate, researcher, crowdworkers, submitted };
}

describe("loadDashboardTable", () => {
  let fixture: Fixture;

  beforeAll(async () => {
    fixture = await buildFixture();
  });

  it.each(DASHBOARD_TABLE_NAMES)("loads %s with its declared columns", async (table) => {
    const { view } = parseDashboardView(new URLSearchParams());

    const loaded = await loadDashboardTable({ actor: fixture.researcher, studyId: fixture.study.id, table, view });

    expect(loaded.name).toBe(table);
    expect(loaded.rows.length).toBeGreaterThan(0);
    for (const row of loaded.rows) {
      expect(Object.keys(row).sort()).toEqual([...loaded.columns].sort());
    }
  });

  it("counts every submitted item in the win-rate cells", async () => {
    const { view } = parseDashboardView(new URLSearchParams("judge=human"));

    const loaded = await loadDashboardTable({ actor: fixture.researcher, studyId: fixture.study.id, table: "win-rates", view });

    const cells = loaded.rows.filter((row) => row.level === "cell");
    expect(cells.every((row) => row.judge_kind === "HUMAN" && row.candidate_system === fixture.candidate.name)).toBe(true);
    expect(cells.reduce((sum, row) => sum + Number(row.n), 0)).toBe(fixture.submitted * 3);
  });

  it("applies the tie convention", async () => {
    const strict = await loadDashboardTable({
      actor: fixture.researcher,
      studyId: fixture.study.id,
      table: "win-rates",
      view: parseDashboardView(new URLSearchParams("judge=human&ties=strict")).view,
    });

    for (const row of strict.rows.filter((entry) => entry.level === "cell" && Number(entry.n) > 0)) {
      expect(row.tie_convention).toBe("strict");
      expect(row.win_rate).toBeCloseTo(Number(row.wins) / Number(row.n), 12);
    }
  });

  it("drops an excluded crowdworker unless the view keeps them", async () => {
    const { study, researcher, crowdworkers } = await buildFixture();
    await db.crowdworkerExclusion.create({ data: { studyId: study.id, userId: crowdworkers[0].id, reason: "test", excludedById: researcher.id } });
    const judgedByFirst = await db.judgment.count({ where: { userId: crowdworkers[0].id } });
    const totalN = async (query: string) => {
      const view = parseDashboardView(new URLSearchParams(query)).view;
      const loaded = await loadDashboardTable({ actor: researcher, studyId: study.id, table: "win-rates", view });
      return loaded.rows.filter((row) => row.level === "cell").reduce((sum, row) => sum + Number(row.n), 0);
    };

    const kept = await totalN("judge=human&excluded=keep");
    const dropped = await totalN("judge=human");

    expect(judgedByFirst).toBeGreaterThan(0);
    expect(kept - dropped).toBe(judgedByFirst);
  });

  it("rejects a crowdworker", async () => {
    const { view } = parseDashboardView(new URLSearchParams());

    await expect(loadDashboardTable({ actor: fixture.crowdworkers[0], studyId: fixture.study.id, table: "quality", view })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
