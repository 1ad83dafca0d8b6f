import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { getStudyProgress } from "@/lib/dashboard/get-study-progress";
import { toProgressTable } from "@/lib/dashboard/to-progress-table";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";

import { createCrowdworker, createJudgingStudy } from "./assignment-fixtures";

const TIES = [
  { dimensionKey: "P1", choice: "TIE" as const },
  { dimensionKey: "P2", choice: "TIE" as const },
  { dimensionKey: "P3", choice: "TIE" as const },
];

/** Claim and submit one item as `userId`, then move its submission time to `submittedAt`. */
async function judgeAt(studyId: string, userId: string, submittedAt: string) {
  const assignment = await claimNextItem({ studyId, userId });
  await submitJudgment({ assignmentId: assignment!.id, userId, requestId: randomUUID(), answers: TIES });
  await db.assignment.update({ where: { id: assignment!.id }, data: { submittedAt: new Date(submittedAt) } });
  return assignment!;
}

async function buildStudy() {
  const { study } = await createJudgingStudy({ itemCount: 4, judgmentsPerItem: 2 });
  const researcher = await db.user.findUniqueOrThrow({ where: { id: study.createdById } });
  const [first, second] = [await createCrowdworker(study.id), await createCrowdworker(study.id)];

  const judged = [
    await judgeAt(study.id, first.id, "2026-12-01T10:05:00.000Z"),
    await judgeAt(study.id, first.id, "2026-12-01T10:14:59.999Z"),
    await judgeAt(study.id, second.id, "2026-12-01T10:15:00.000Z"),
    await judgeAt(study.id, second.id, "2026-12-02T23:59:00.000Z"),
  ];

  const item = await db.studyItem.findUniqueOrThrow({ where: { id: judged[0].studyItemId } });
  const side = await db.side.findUniqueOrThrow({ where: { key: "P1A" } });
  await db.judgment.create({
    data: { studyItemId: item.id, criterionSideId: side.id, verdict: "TIE", shownFirst: "CANDIDATE", judgeType: "SIMULATED", createdAt: new Date("2026-12-01T10:20:00.000Z") },
  });

  return { study, researcher, first, item, side };
}

describe("getStudyProgress", () => {
  it("counts submitted items and simulated judgments per UTC slot", async () => {
    const { study, researcher } = await buildStudy();

    const progress = await getStudyProgress({ actor: researcher, studyId: study.id });

    expect(progress.humanItemsTarget).toBe(8);
    expect(progress.humanItemsDone).toBe(4);
    expect(progress.simulatedJudgments).toBe(1);
    expect(progress.slots).toEqual([
      { start: "2026-12-01T10:00:00.000Z", humanItems: 2, simulatedJudgments: 0 },
      { start: "2026-12-01T10:15:00.000Z", humanItems: 1, simulatedJudgments: 1 },
      { start: "2026-12-02T23:45:00.000Z", humanItems: 1, simulatedJudgments: 0 },
    ]);
  });

  it("leaves out attention checks and unsubmitted leases", async () => {
    const { study, researcher, first, item } = await buildStudy();
    const attention = await db.studyItem.create({
      data: {
        studyId: study.id,
        promptId: item.promptId,
        combinationId: item.combinationId,
        candidateResponseId: item.candidateResponseId,
        baselineResponseId: item.baselineResponseId,
        kind: "ATTENTION",
        attentionCheckKey: randomUUID(),
      },
    });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: first.id } });
    await db.assignment.create({
      data: {
        studyItemId: attention.id,
        participationId: participation.id,
        userId: first.id,
        status: "SUBMITTED",
        orderSeed: 1,
        shownFirst: "CANDIDATE",
        expiresAt: new Date("2026-12-01T11:00:00.000Z"),
        submittedAt: new Date("2026-12-01T10:30:00.000Z"),
      },
    });
    await claimNextItem({ studyId: study.id, userId: first.id });

    const progress = await getStudyProgress({ actor: researcher, studyId: study.id });

    expect(progress.humanItemsDone).toBe(4);
    expect(progress.slots.map((slot) => slot.start)).not.toContain("2026-12-01T10:30:00.000Z");
  });

  it("narrows both series by the filter", async () => {
    const { study, researcher, first } = await buildStudy();
    const secondParticipation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: { not: first.id } } });
    await db.studyParticipation.update({ where: { id: secondParticipation.id }, data: { prolificStudyId: "prolific-study-1" } });
    await db.crowdworkerExclusion.create({ data: { studyId: study.id, userId: first.id, reason: "Too fast", excludedById: researcher.id } });
    const progressUnder = async (filter: Partial<StudyStatsFilter>) => {
      const progress = await getStudyProgress({ actor: researcher, studyId: study.id, filter: { ...DEFAULT_STUDY_STATS_FILTER, ...filter } });
      return { human: progress.humanItemsDone, simulated: progress.simulatedJudgments, slots: progress.slots.length };
    };

    expect(await progressUnder({})).toEqual({ human: 2, simulated: 1, slots: 2 });
    expect(await progressUnder({ excludedCrowdworkers: "keep" })).toEqual({ human: 4, simulated: 1, slots: 3 });
    expect(await progressUnder({ judgeKind: "human", excludedCrowdworkers: "keep" })).toEqual({ human: 4, simulated: 0, slots: 3 });
    expect(await progressUnder({ judgeKind: "simulated" })).toEqual({ human: 0, simulated: 1, slots: 1 });
    expect(await progressUnder({ pool: "direct", excludedCrowdworkers: "keep" })).toEqual({ human: 2, simulated: 1, slots: 2 });
    expect(await progressUnder({ pool: "prolific" })).toEqual({ human: 2, simulated: 1, slots: 2 });
    expect(
      await progressUnder({ excludedCrowdworkers: "keep", from: new Date("2026-12-01T10:10:00.000Z"), to: new Date("2026-12-02T00:00:00.000Z") }),
    ).toEqual({ human: 2, simulated: 1, slots: 2 });
  });

  it("exports running totals per slot", async () => {
    const { study, researcher } = await buildStudy();

    const table = toProgressTable(await getStudyProgress({ actor: researcher, studyId: study.id }));

    expect(table.rows.map((row) => row.human_items_total)).toEqual([2, 3, 4]);
    expect(table.rows.map((row) => row.simulated_judgments_total)).toEqual([0, 1, 1]);
    expect(table.rows.every((row) => row.human_items_target === 8)).toBe(true);
  });

  it("rejects crowdworkers and missing studies", async () => {
    const { study, researcher, first } = await buildStudy();

    await expect(getStudyProgress({ actor: first, studyId: study.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const missing = await getStudyProgress({ actor: researcher, studyId: "no-such-study" }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: "NOT_FOUND" });
  });
});
