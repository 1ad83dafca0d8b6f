import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

import { createCrowdworker, createJudgingStudy, loadPerItem } from "./assignment-fixtures";

async function submitAll(assignmentId: string, userId: string) {
  return submitJudgment({
    assignmentId,
    userId,
    requestId: crypto.randomUUID(),
    answers: ["P1", "P2", "P3"].map((dimensionKey) => ({ dimensionKey, choice: "TIE" as const })),
  });
}

describe("claimNextItem", () => {
  it("gives two crowdworkers distinct items", async () => {
    const { study } = await createJudgingStudy({ itemCount: 2, judgmentsPerItem: 1 });
    const first = await createCrowdworker(study.id);
    const second = await createCrowdworker(study.id);

    const firstLease = await claimNextItem({ studyId: study.id, userId: first.id });
    const secondLease = await claimNextItem({ studyId: study.id, userId: second.id });

    expect(firstLease).not.toBeNull();
    expect(secondLease).not.toBeNull();
    expect(secondLease!.studyItemId).not.toBe(firstLease!.studyItemId);
  });

  it("returns the current lease again", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3 });
    const worker = await createCrowdworker(study.id);

    const first = await claimNextItem({ studyId: study.id, userId: worker.id });
    const again = await claimNextItem({ studyId: study.id, userId: worker.id });

    expect(again!.id).toBe(first!.id);
  });

  it("stores a lease with the study's duration", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, leaseMinutes: 12 });
    const worker = await createCrowdworker(study.id);

    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });

    expect(lease!.status).toBe("ASSIGNED");
    expect(lease!.expiresAt.getTime() - lease!.assignedAt.getTime()).toBe(12 * 60_000);
  });

  it("returns null once every item is taken", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const first = await createCrowdworker(study.id);
    const second = await createCrowdworker(study.id);

    await claimNextItem({ studyId: study.id, userId: first.id });

    expect(await claimNextItem({ studyId: study.id, userId: second.id })).toBeNull();
  });

  it("never over-assigns under concurrent claims", async () => {
    const { study } = await createJudgingStudy({ itemCount: 5, judgmentsPerItem: 1 });
    const workers = await Promise.all(Array.from({ length: 20 }, () => createCrowdworker(study.id)));

    const leases = await Promise.all(workers.map((worker) => claimNextItem({ studyId: study.id, userId: worker.id })));

    const granted = leases.filter((lease) => lease !== null);
    expect(granted).toHaveLength(5);
    expect(new Set(granted.map((lease) => lease.studyItemId)).size).toBe(5);
    expect(Math.max(...(await loadPerItem(study.id)))).toBe(1);
  });

  it("respects judgmentsPerItem above one under concurrency", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3, judgmentsPerItem: 2 });
    const workers = await Promise.all(Array.from({ length: 12 }, () => createCrowdworker(study.id)));

    const leases = await Promise.all(workers.map((worker) => claimNextItem({ studyId: study.id, userId: worker.id })));

    expect(leases.filter((lease) => lease !== null)).toHaveLength(6);
    expect(await loadPerItem(study.id)).toEqual([2, 2, 2]);
  });

  it("gives an expired lease to another crowdworker", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const first = await createCrowdworker(study.id);
    const second = await createCrowdworker(study.id);
    const expired = await claimNextItem({ studyId: study.id, userId: first.id });
    await db.assignment.update({ where: { id: expired!.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const reclaimed = await claimNextItem({ studyId: study.id, userId: second.id });

    expect(reclaimed!.studyItemId).toBe(expired!.studyItemId);
    const old = await db.assignment.findUniqueOrThrow({ where: { id: expired!.id } });
    expect(old.status).toBe("EXPIRED");
  });

  it("does not return the crowdworker's own expired lease", async () => {
    const { study } = await createJudgingStudy({ itemCount: 2 });
    const worker = await createCrowdworker(study.id);
    const expired = await claimNextItem({ studyId: study.id, userId: worker.id });
    await db.assignment.update({ where: { id: expired!.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const next = await claimNextItem({ studyId: study.id, userId: worker.id });

    expect(next!.id).not.toBe(expired!.id);
    expect(next!.studyItemId).not.toBe(expired!.studyItemId);
  });

  it("stops at the itemsPerWorker cap", async () => {
    const { study } = await createJudgingStudy({ itemCount: 5, itemsPerWorker: 2 });
    const worker = await createCrowdworker(study.id);

    for (let round = 0; round < 2; round += 1) {
      const lease = await claimNextItem({ studyId: study.id, userId: worker.id });
      await submitAll(lease!.id, worker.id);
    }

    expect(await claimNextItem({ studyId: study.id, userId: worker.id })).toBeNull();
    expect(await db.assignment.count({ where: { userId: worker.id } })).toBe(2);
  });

  it("never gives a crowdworker the same item twice", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3, judgmentsPerItem: 3 });
    const worker = await createCrowdworker(study.id);

    const itemIds = [];
    for (let round = 0; round < 3; round += 1) {
      const lease = await claimNextItem({ studyId: study.id, userId: worker.id });
      itemIds.push(lease!.studyItemId);
      await submitAll(lease!.id, worker.id);
    }

    expect(new Set(itemIds).size).toBe(3);
    expect(await claimNextItem({ studyId: study.id, userId: worker.id })).toBeNull();
  });

  it("prefers the least-judged combination", async () => {
    const { study } = await createJudgingStudy({ itemCount: 16, judgmentsPerItem: 2 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, include: { combination: true } });
    const judgedCombination = items[0].combinationId;
    await db.studyItem.updateMany({ where: { studyId: study.id, combinationId: { not: judgedCombination } }, data: { completedCount: 1 } });
    const worker = await createCrowdworker(study.id);

    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });

    const leased = items.find((item) => item.id === lease!.studyItemId)!;
    expect(leased.combinationId).toBe(judgedCombination);
  });

  it("rejects a closed study", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, status: "CLOSED" });
    const worker = await createCrowdworker(study.id);

    const claim = claimNextItem({ studyId: study.id, userId: worker.id });

    await expect(claim).rejects.toBeInstanceOf(AppError);
    await expect(claim).rejects.toMatchObject({ code: "STUDY_NOT_OPEN" });
  });

  it("rejects a researcher and a disabled crowdworker", async () => {
    const { study } = await createJudgingStudy({ itemCount: 2 });
    const disabled = await createCrowdworker(study.id);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });

    await expect(claimNextItem({ studyId: study.id, userId: study.createdById })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(claimNextItem({ studyId: study.id, userId: disabled.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Only crowdworkers with an active account"),
    });
    expect(await db.assignment.count({ where: { studyItem: { studyId: study.id } } })).toBe(0);
  });

  it("rejects a crowdworker who never entered", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const other = await createJudgingStudy({ itemCount: 1 });
    const outsider = await createCrowdworker(other.study.id);

    await expect(claimNextItem({ studyId: study.id, userId: outsider.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
  it("prefers the least-judged item of a combination", async () => {
    const { study } = await createJudgingStudy({ itemCount: 16, judgmentsPerItem: 3 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    const combinationId = items[0].combinationId;
    const sameCombination = items.filter((item) => item.combinationId === combinationId);
    await db.studyItem.updateMany({ where: { studyId: study.id, combinationId: { not: combinationId } }, data: { completedCount: 2 } });
    await db.studyItem.update({ where: { id: sameCombination[0].id }, data: { completedCount: 1 } });
    const worker = await createCrowdworker(study.id);

    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });

    expect(lease!.studyItemId).toBe(sameCombination[1].id);
  });

  it("passes over an unjudged item whose leases fill it", async () => {
    const { study } = await createJudgingStudy({ itemCount: 16, judgmentsPerItem: 2 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    const combinationId = items[0].combinationId;
    const [leasedItem, judgedItem] = items.filter((item) => item.combinationId === combinationId);
    await db.studyItem.updateMany({ where: { studyId: study.id, combinationId: { not: combinationId } }, data: { completedCount: 2 } });
    await db.studyItem.update({ where: { id: judgedItem.id }, data: { completedCount: 1 } });
    const holders = await Promise.all([createCrowdworker(study.id), createCrowdworker(study.id)]);
    for (const holder of holders) {
      const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: holder.id } });
      await db.assignment.create({
        data: {
          studyItemId: leasedItem.id,
          participationId: participation.id,
          userId: holder.id,
          orderSeed: 0,
          shownFirst: "CANDIDATE",
          expiresAt: new Date(Date.now() + 60_000),
        },
      });
    }
    const worker = await createCrowdworker(study.id);

    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });

    expect(lease!.studyItemId).toBe(judgedItem.id);
  });

  it("serves a seen prompt again last", async () => {
    const { study, candidate, baseline } = await createJudgingStudy({ itemCount: 3, judgmentsPerItem: 3 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, include: { prompt: true } });
    const repeated = items.find((item) => item.prompt.externalId === "q1")!;
    const others = items.filter((item) => item.id !== repeated.id);
    await db.studyItem.updateMany({ where: { id: { in: others.map((item) => item.id) } }, data: { completedCount: 1 } });
    const unusedCombination = await db.combination.findFirstOrThrow({ where: { name: "BBB" } });
    const batch = await db.importBatch.findFirstOrThrow({ where: { responses: { some: { promptId: repeated.promptId } } } });
    const responseData = { promptId: repeated.promptId, combinationId: unusedCombination.id, combinationKey: unusedCombination.id, importBatchId: batch.id };
    const candidateResponse = await db.response.create({ data: { ...responseData, systemId: candidate.id, text: "candidate answer 1 under BBB" } });
    const baselineResponse = await db.response.create({ data: { ...responseData, systemId: baseline.id, text: "baseline answer 1 under BBB" } });
    const repeatedElsewhere = await db.studyItem.create({
      data: {
        studyId: study.id,
        promptId: repeated.promptId,
        combinationId: unusedCombination.id,
        candidateResponseId: candidateResponse.id,
        baselineResponseId: baselineResponse.id,
      },
    });
    const worker = await createCrowdworker(study.id);

    const served = [];
    for (let round = 0; round < 4; round += 1) {
      const lease = await claimNextItem({ studyId: study.id, userId: worker.id });
      served.push(lease!.studyItemId);
      await submitAll(lease!.id, worker.id);
    }

    const repeatedIds = [repeated.id, repeatedElsewhere.id];
    expect(repeatedIds).toContain(served[0]);
    expect(repeatedIds).not.toContain(served[1]);
    expect(repeatedIds).not.toContain(served[2]);
    expect(repeatedIds).toContain(served[3]);
    expect(new Set(served).size).toBe(4);
  });
});
