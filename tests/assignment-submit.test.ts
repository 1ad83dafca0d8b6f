import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { releaseParticipation } from "@/lib/assignment/release-participation";
import type { Choice } from "@/lib/assignment/schemas";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";

import { createCrowdworker, createJudgingStudy } from "./assignment-fixtures";

function answersFor(choices: Record<string, Choice>) {
  return Object.entries(choices).map(([dimensionKey, choice]) => ({ dimensionKey, choice }));
}

const ALL_TIES = answersFor({ P1: "TIE", P2: "TIE", P3: "TIE" });

async function leaseOne(options: Parameters<typeof createJudgingStudy>[0] = { itemCount: 3 }) {
  const { study } = await createJudgingStudy(options);
  const worker = await createCrowdworker(study.id);
  const assignment = await claimNextItem({ studyId: study.id, userId: worker.id });
  return { study, worker, assignment: assignment! };
}

describe("submitJudgment", () => {
  it.each([
    { shownFirst: "CANDIDATE" as const, expected: { P1: "CANDIDATE", P2: "TIE", P3: "BASELINE" } },
    { shownFirst: "BASELINE" as const, expected: { P1: "BASELINE", P2: "TIE", P3: "CANDIDATE" } },
  ])("maps A and B when $shownFirst is shown first", async ({ shownFirst, expected }) => {
    const { worker, assignment } = await leaseOne();
    await db.assignment.update({ where: { id: assignment.id }, data: { shownFirst } });

    await submitJudgment({
      assignmentId: assignment.id,
      userId: worker.id,
      requestId: randomUUID(),
      answers: answersFor({ P1: "A", P2: "TIE", P3: "B" }),
    });

    const judgments = await db.judgment.findMany({
      where: { assignmentId: assignment.id },
      include: { criterionSide: { include: { dimension: true } } },
    });
    const verdictByDimension = Object.fromEntries(judgments.map((judgment) => [judgment.criterionSide.dimension.key, judgment.verdict]));
    expect(verdictByDimension).toEqual(expected);
    expect(judgments.every((judgment) => judgment.shownFirst === shownFirst)).toBe(true);
    expect(judgments.every((judgment) => judgment.judgeType === "HUMAN" && judgment.userId === worker.id)).toBe(true);
  });

  it("stores each judgment against the combination's side", async () => {
    const { worker, assignment } = await leaseOne();

    await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    const item = await db.studyItem.findUniqueOrThrow({
      where: { id: assignment.studyItemId },
      include: { combination: { include: { sides: true } } },
    });
    const judgments = await db.judgment.findMany({ where: { assignmentId: assignment.id } });
    expect(judgments.map((judgment) => judgment.criterionSideId).sort()).toEqual(item.combination.sides.map((side) => side.sideId).sort());
  });

  it("accepts answers keyed by criterionSideId", async () => {
    const { worker, assignment } = await leaseOne({ itemCount: 2, criterionDimensionKeys: ["P2"] });
    const item = await db.studyItem.findUniqueOrThrow({
      where: { id: assignment.studyItemId },
      include: { combination: { include: { sides: { include: { side: true } } } } },
    });
    const p2Side = item.combination.sides.find(({ side }) => side.key.startsWith("P2"))!.side;

    await submitJudgment({
      assignmentId: assignment.id,
      userId: worker.id,
      requestId: randomUUID(),
      answers: [{ criterionSideId: p2Side.id, choice: "B" }],
    });

    const judgments = await db.judgment.findMany({ where: { assignmentId: assignment.id } });
    expect(judgments).toHaveLength(1);
    expect(judgments[0].criterionSideId).toBe(p2Side.id);
  });

  it("marks the assignment submitted and counts it", async () => {
    const { worker, assignment } = await leaseOne();
    const requestId = randomUUID();

    await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId, answers: ALL_TIES });

    const stored = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id }, include: { studyItem: true } });
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.requestId).toBe(requestId);
    expect(stored.submittedAt).not.toBeNull();
    expect(stored.studyItem.completedCount).toBe(1);
  });

  it("keeps the combination count in step", async () => {
    const { study, worker, assignment } = await leaseOne();
    const countOfCombination = async () => {
      const item = await db.studyItem.findUniqueOrThrow({ where: { id: assignment.studyItemId } });
      const combination = await db.studyCombination.findUniqueOrThrow({
        where: { studyId_combinationId: { studyId: study.id, combinationId: item.combinationId } },
      });
      const items = await db.studyItem.aggregate({
        where: { studyId: study.id, combinationId: item.combinationId, kind: "REGULAR" },
        _sum: { completedCount: true },
      });
      return { stored: combination.completedCount, summed: items._sum.completedCount ?? 0 };
    };

    await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });
    expect(await countOfCombination()).toEqual({ stored: 1, summed: 1 });

    await db.studyItem.update({ where: { id: assignment.studyItemId }, data: { completedCount: 3 } });
    expect(await countOfCombination()).toEqual({ stored: 3, summed: 3 });

    await db.studyItem.update({ where: { id: assignment.studyItemId }, data: { kind: "GOLD" } });
    expect(await countOfCombination()).toEqual({ stored: 0, summed: 0 });
  });

  it("returns the same result for a repeated requestId", async () => {
    const { worker, assignment } = await leaseOne();
    const input = { assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES };

    const first = await submitJudgment(input);
    const repeat = await submitJudgment(input);

    expect(repeat).toEqual(first);
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(3);
    const item = await db.studyItem.findUniqueOrThrow({ where: { id: assignment.studyItemId } });
    expect(item.completedCount).toBe(1);
  });

  it("stores one set under concurrent double submits", async () => {
    const { worker, assignment } = await leaseOne();
    const input = { assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES };

    const [first, second] = await Promise.all([submitJudgment(input), submitJudgment(input)]);

    expect(second).toEqual(first);
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(3);
    const item = await db.studyItem.findUniqueOrThrow({ where: { id: assignment.studyItemId } });
    expect(item.completedCount).toBe(1);
  });

  it("rejects a second submission with another requestId", async () => {
    const { worker, assignment } = await leaseOne();
    await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    const second = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(second).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(3);
  });

  it("rejects the accepted requestId with other answers", async () => {
    const { worker, assignment } = await leaseOne();
    const requestId = randomUUID();
    await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId, answers: ALL_TIES });

    const otherAnswers = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId, answers: answersFor({ P1: "A", P2: "TIE", P3: "TIE" }) });

    await expect(otherAnswers).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("not stored") });
    const judgments = await db.judgment.findMany({ where: { assignmentId: assignment.id } });
    expect(judgments.map((judgment) => judgment.verdict)).toEqual(["TIE", "TIE", "TIE"]);
  });

  it("rejects a disabled crowdworker's submission", async () => {
    const { worker, assignment } = await leaseOne();
    await db.user.update({ where: { id: worker.id }, data: { disabledAt: new Date() } });

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("rejects someone else's assignment", async () => {
    const { study, assignment } = await leaseOne();
    const intruder = await createCrowdworker(study.id);

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: intruder.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("rejects a forged assignment id", async () => {
    const { worker } = await leaseOne();

    const attempt = submitJudgment({ assignmentId: "forged-id", userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects a missing criterion", async () => {
    const { worker, assignment } = await leaseOne();

    const attempt = submitJudgment({
      assignmentId: assignment.id,
      userId: worker.id,
      requestId: randomUUID(),
      answers: answersFor({ P1: "A", P2: "B" }),
    });

    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("P3") });
  });

  it("rejects a criterion outside the study", async () => {
    const { worker, assignment } = await leaseOne({ itemCount: 2, criterionDimensionKeys: ["P1", "P2"] });

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("P3") });
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("rejects a criterion answered twice", async () => {
    const { worker, assignment } = await leaseOne();

    const attempt = submitJudgment({
      assignmentId: assignment.id,
      userId: worker.id,
      requestId: randomUUID(),
      answers: [...ALL_TIES, { dimensionKey: "P1", choice: "A" }],
    });

    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("rejects an expired lease", async () => {
    const { worker, assignment } = await leaseOne();
    await db.assignment.update({ where: { id: assignment.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("explains a lease released by returning", async () => {
    const { study, worker, assignment } = await leaseOne();
    await releaseParticipation({ studyId: study.id, userId: worker.id });

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "RETURN_REQUESTED" } });
    await expect(attempt).rejects.toThrow(/you returned this study/);
    expect(await db.judgment.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("rejects submissions once the study closed", async () => {
    const { study, worker, assignment } = await leaseOne();
    await db.study.update({ where: { id: study.id }, data: { status: "CLOSED" } });

    const attempt = submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    await expect(attempt).rejects.toMatchObject({ code: "STUDY_NOT_OPEN" });
  });

  it("returns the completion code only after the last item", async () => {
    const { study } = await createJudgingStudy({ itemCount: 5, itemsPerWorker: 2 });
    const worker = await createCrowdworker(study.id);

    const firstLease = await claimNextItem({ studyId: study.id, userId: worker.id });
    const first = await submitJudgment({ assignmentId: firstLease!.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });
    const secondLease = await claimNextItem({ studyId: study.id, userId: worker.id });
    const second = await submitJudgment({ assignmentId: secondLease!.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    expect(first).toEqual({ done: false });
    expect(second).toEqual({ done: true, completionCode: study.completionCode });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: worker.id } });
    expect(participation.completedAt).not.toBeNull();
  });

  it("reports done when no item is left", async () => {
    const { study, worker, assignment } = await leaseOne({ itemCount: 1, completionUrl: "https://app.prolific.test/submissions/complete?cc=XYZ" });

    const result = await submitJudgment({ assignmentId: assignment.id, userId: worker.id, requestId: randomUUID(), answers: ALL_TIES });

    expect(result).toEqual({ done: true, completionCode: study.completionCode, completionUrl: study.completionUrl });
  });
});
