import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { db } from "@/lib/db/prisma";

import { createCrowdworker } from "./assignment-fixtures";
import { createQualityStudy, judgeNext } from "./quality-fixtures";

/** Move an assignment's lease start into the past, as if the crowdworker had spent `seconds` on it. */
async function backdateLease(assignmentId: string, seconds: number) {
  await db.assignment.update({ where: { id: assignmentId }, data: { assignedAt: new Date(Date.now() - seconds * 1000) } });
}

describe("too-fast flag", () => {
  it("flags a submission under the minimum", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, minSecondsPerItem: 60 });
    const worker = await createCrowdworker(study.id);

    const { assignment } = await judgeNext(study.id, worker.id);

    expect((await db.assignment.findUniqueOrThrow({ where: { id: assignment!.id } })).tooFast).toBe(true);
  });

  it("leaves a slow enough submission unflagged", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, minSecondsPerItem: 60 });
    const worker = await createCrowdworker(study.id);
    const lease = await claimNextItem({ studyId: study.id, userId: worker.id });
    await backdateLease(lease!.id, 61);

    const { assignment } = await judgeNext(study.id, worker.id);

    expect(assignment!.id).toBe(lease!.id);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: lease!.id } })).tooFast).toBe(false);
  });

  it("is off by default", async () => {
    const { study } = await createQualityStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);

    const { assignment } = await judgeNext(study.id, worker.id);

    expect((await db.assignment.findUniqueOrThrow({ where: { id: assignment!.id } })).tooFast).toBe(false);
  });
});

describe("warn and block thresholds", () => {
  it("warn once failed checks reach the threshold", async () => {
    const { study } = await createQualityStudy({ itemCount: 6, minSecondsPerItem: 60, qualityWarnThreshold: 2, qualityBlockThreshold: 4 });
    const worker = await createCrowdworker(study.id);

    await judgeNext(study.id, worker.id);
    const afterOne = await claimNextItem({ studyId: study.id, userId: worker.id });
    const viewAfterOne = await getAssignmentView({ assignmentId: afterOne!.id, userId: worker.id });
    await judgeNext(study.id, worker.id);
    const afterTwo = await claimNextItem({ studyId: study.id, userId: worker.id });
    const viewAfterTwo = await getAssignmentView({ assignmentId: afterTwo!.id, userId: worker.id });

    expect(viewAfterOne.warning).toBeUndefined();
    expect(viewAfterTwo.warning).toMatch(/^2 of your answers/);
    expect(viewAfterTwo.warning).toMatch(/After 4 you will be asked to return/);
  });

  it("block once failed checks reach the threshold", async () => {
    const { study } = await createQualityStudy({ itemCount: 6, attentionCheckEvery: 1, qualityBlockThreshold: 2 });
    const worker = await createCrowdworker(study.id);

    await judgeNext(study.id, worker.id);
    await judgeNext(study.id, worker.id, "attention-wrong");
    await judgeNext(study.id, worker.id);
    const last = await judgeNext(study.id, worker.id, "attention-wrong");

    expect(last.result).toEqual({ done: false });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: worker.id } });
    expect(participation.returnReason).toBe("QUALITY_BLOCKED");
    await expect(claimNextItem({ studyId: study.id, userId: worker.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "RETURN_REQUESTED" },
    });
  });

  it("do not block below the threshold", async () => {
    const { study } = await createQualityStudy({ itemCount: 6, attentionCheckEvery: 1, qualityBlockThreshold: 2 });
    const worker = await createCrowdworker(study.id);

    await judgeNext(study.id, worker.id);
    await judgeNext(study.id, worker.id, "attention-wrong");
    await judgeNext(study.id, worker.id);
    await judgeNext(study.id, worker.id, "attention-correct");

    expect(await claimNextItem({ studyId: study.id, userId: worker.id })).not.toBeNull();
  });
});
