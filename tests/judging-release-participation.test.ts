import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { releaseParticipation } from "@/lib/assignment/release-participation";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

import { createCrowdworker, createJudgingStudy, loadPerItem } from "./assignment-fixtures";

const ALL_TIES = ["P1", "P2", "P3"].map((dimensionKey) => ({ dimensionKey, choice: "TIE" as const }));

describe("releaseParticipation", () => {
  it("lets another crowdworker claim the item", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, judgmentsPerItem: 1 });
    const leaver = await createCrowdworker(study.id);
    const other = await createCrowdworker(study.id);
    const lease = await claimNextItem({ studyId: study.id, userId: leaver.id });
    expect(await claimNextItem({ studyId: study.id, userId: other.id })).toBeNull();

    const { releasedCount } = await releaseParticipation({ studyId: study.id, userId: leaver.id });
    const reclaimed = await claimNextItem({ studyId: study.id, userId: other.id });

    expect(releasedCount).toBe(1);
    expect(reclaimed?.studyItemId).toBe(lease!.studyItemId);
    const released = await db.assignment.findUniqueOrThrow({ where: { id: lease!.id } });
    expect(released.status).toBe("RELEASED");
    expect(await loadPerItem(study.id)).toEqual([1]);
  });

  it("refuses later claims by the returning crowdworker", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3, judgmentsPerItem: 1 });
    const leaver = await createCrowdworker(study.id);
    await claimNextItem({ studyId: study.id, userId: leaver.id });

    await releaseParticipation({ studyId: study.id, userId: leaver.id });
    const refusal = await claimNextItem({ studyId: study.id, userId: leaver.id }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("FORBIDDEN");
    expect((refusal as AppError).details).toEqual({ reason: "RETURN_REQUESTED" });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: leaver.id } });
    expect(participation.returnReason).toBe("RETURNED_BY_PARTICIPANT");
  });

  it("keeps submitted judgments", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3 });
    const worker = await createCrowdworker(study.id);
    const first = await claimNextItem({ studyId: study.id, userId: worker.id });
    await submitJudgment({ assignmentId: first!.id, userId: worker.id, requestId: crypto.randomUUID(), answers: ALL_TIES });
    const second = await claimNextItem({ studyId: study.id, userId: worker.id });

    const { releasedCount } = await releaseParticipation({ studyId: study.id, userId: worker.id });

    expect(releasedCount).toBe(1);
    const statuses = await db.assignment.findMany({ where: { userId: worker.id }, orderBy: { assignedAt: "asc" }, select: { id: true, status: true } });
    expect(statuses).toEqual([
      { id: first!.id, status: "SUBMITTED" },
      { id: second!.id, status: "RELEASED" },
    ]);
    expect(await db.judgment.count({ where: { assignmentId: first!.id } })).toBe(3);
  });

  it("leaves other crowdworkers' leases alone", async () => {
    const { study } = await createJudgingStudy({ itemCount: 2 });
    const leaver = await createCrowdworker(study.id);
    const stayer = await createCrowdworker(study.id);
    await claimNextItem({ studyId: study.id, userId: leaver.id });
    const kept = await claimNextItem({ studyId: study.id, userId: stayer.id });

    await releaseParticipation({ studyId: study.id, userId: leaver.id });

    const stillHeld = await db.assignment.findUniqueOrThrow({ where: { id: kept!.id } });
    expect(stillHeld.status).toBe("ASSIGNED");
  });

  it("leaves the crowdworker's other studies alone", async () => {
    const first = await createJudgingStudy({ itemCount: 1 });
    const second = await createJudgingStudy({ itemCount: 1 });
    const worker = await createCrowdworker(first.study.id);
    await db.studyParticipation.create({ data: { studyId: second.study.id, userId: worker.id } });
    await claimNextItem({ studyId: first.study.id, userId: worker.id });
    const otherLease = await claimNextItem({ studyId: second.study.id, userId: worker.id });

    await releaseParticipation({ studyId: first.study.id, userId: worker.id });

    const untouched = await db.assignment.findUniqueOrThrow({ where: { id: otherLease!.id } });
    expect(untouched.status).toBe("ASSIGNED");
  });

  it("rejects a submission after the release", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);
    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });
    await releaseParticipation({ studyId: study.id, userId: worker.id });

    const late = submitJudgment({ assignmentId: lease!.id, userId: worker.id, requestId: crypto.randomUUID(), answers: ALL_TIES });

    await expect(late).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.judgment.count({ where: { assignmentId: lease!.id } })).toBe(0);
  });

  it("releases nothing twice", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);
    await claimNextItem({ studyId: study.id, userId: worker.id });

    await releaseParticipation({ studyId: study.id, userId: worker.id });
    const again = await releaseParticipation({ studyId: study.id, userId: worker.id });

    expect(again.releasedCount).toBe(0);
  });

  it("frees the item when a claim races the release", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, judgmentsPerItem: 1 });
    const leaver = await createCrowdworker(study.id);
    const others = await Promise.all(Array.from({ length: 5 }, () => createCrowdworker(study.id)));
    await claimNextItem({ studyId: study.id, userId: leaver.id });

    const [, ...claims] = await Promise.all([
      releaseParticipation({ studyId: study.id, userId: leaver.id }),
      ...others.map((other) => claimNextItem({ studyId: study.id, userId: other.id })),
    ]);

    expect(claims.filter((claim) => claim !== null).length).toBeLessThanOrEqual(1);
    expect(Math.max(...(await loadPerItem(study.id)))).toBeLessThanOrEqual(1);
  });

  it("rejects a crowdworker who never entered", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const other = await createJudgingStudy({ itemCount: 1 });
    const outsider = await createCrowdworker(other.study.id);

    await expect(releaseParticipation({ studyId: study.id, userId: outsider.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
