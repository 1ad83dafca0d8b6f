import { describe, expect, it } from "vitest";

import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { db } from "@/lib/db/prisma";
import { ATTENTION_CHECK_TEXT } from "@/lib/quality/policy";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";
import { listStudies } from "@/lib/studies/list-studies";

import { createCrowdworker } from "./assignment-fixtures";
import { createQualityStudy, judgeNext, kindOf } from "./quality-fixtures";

describe("attention checks", () => {
  it("interleave one check after every N items", async () => {
    const { study } = await createQualityStudy({ itemCount: 8, itemsPerWorker: 6, attentionCheckEvery: 2 });
    const worker = await createCrowdworker(study.id);

    const kinds = [];
    for (let step = 0; step < 12; step += 1) {
      const { assignment } = await judgeNext(study.id, worker.id, "attention-correct");
      if (!assignment) {
        break;
      }
      kinds.push(await kindOf(assignment.id));
    }

    expect(kinds).toEqual(["REGULAR", "REGULAR", "ATTENTION", "REGULAR", "REGULAR", "ATTENTION", "REGULAR", "REGULAR"]);
  });

  it("show their own prompt and responses in a drawn order", async () => {
    const { study } = await createQualityStudy({ itemCount: 3, attentionCheckEvery: 1 });
    const worker = await createCrowdworker(study.id);
    await judgeNext(study.id, worker.id);

    const check = await claimNextItem({ studyId: study.id, userId: worker.id });
    const view = await getAssignmentView({ assignmentId: check!.id, userId: worker.id });

    expect(await kindOf(check!.id)).toBe("ATTENTION");
    expect(view.prompt).toBe(ATTENTION_CHECK_TEXT.prompt);
    const expectedPosition = check!.shownFirst === "CANDIDATE" ? view.responseA : view.responseB;
    expect(expectedPosition).toBe(ATTENTION_CHECK_TEXT.expectedResponse);
    expect(view.criteria.map((criterion) => criterion.dimensionKey)).toEqual(["P2"]);
  });

  it("store the expected verdict per criterion", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, attentionCheckEvery: 1 });
    const worker = await createCrowdworker(study.id);
    await judgeNext(study.id, worker.id);

    const check = await claimNextItem({ studyId: study.id, userId: worker.id });
    const expected = await db.expectedVerdict.findMany({ where: { studyItemId: check!.studyItemId }, include: { criterionSide: true } });

    expect(expected.map((entry) => [entry.criterionSide.key.slice(0, 2), entry.verdict])).toEqual([["P2", "CANDIDATE"]]);
  });

  it("score a correct and a wrong answer", async () => {
    const { study } = await createQualityStudy({ itemCount: 6, attentionCheckEvery: 1 });
    const worker = await createCrowdworker(study.id);

    await judgeNext(study.id, worker.id);
    const passed = await judgeNext(study.id, worker.id, "attention-correct");
    await judgeNext(study.id, worker.id);
    const failed = await judgeNext(study.id, worker.id, "attention-wrong");

    const stored = await db.assignment.findMany({ where: { id: { in: [passed.assignment!.id, failed.assignment!.id] } } });
    const byId = new Map(stored.map((assignment) => [assignment.id, assignment.checkPassed]));
    expect(byId.get(passed.assignment!.id)).toBe(true);
    expect(byId.get(failed.assignment!.id)).toBe(false);
  });

  it("count towards neither quotas nor win rates", async () => {
    const { study } = await createQualityStudy({ itemCount: 4, itemsPerWorker: 2, attentionCheckEvery: 1 });
    const worker = await createCrowdworker(study.id);

    const first = await judgeNext(study.id, worker.id, "B");
    const check = await judgeNext(study.id, worker.id, "attention-correct");
    const second = await judgeNext(study.id, worker.id, "B");
    const after = await judgeNext(study.id, worker.id);

    expect(await kindOf(check.assignment!.id)).toBe("ATTENTION");
    expect(second.result).toMatchObject({ done: true });
    expect(after.assignment).toBeNull();
    const checkItem = await db.studyItem.findUniqueOrThrow({ where: { id: check.assignment!.studyItemId } });
    expect(checkItem.completedCount).toBe(0);
    const regularDone = await db.studyItem.aggregate({ where: { studyId: study.id, kind: "REGULAR" }, _sum: { completedCount: true } });
    expect(regularDone._sum.completedCount).toBe(2);

    const researcher = await db.user.findUniqueOrThrow({ where: { id: study.createdById } });
    const table = await getStudyWinRateTable({ actor: researcher, studyId: study.id, filter: { ...DEFAULT_STUDY_STATS_FILTER, judgeKind: "human" } });
    expect(table.judgeKinds[0].n).toBe(2);
    expect(first.assignment).not.toBeNull();
  });
});

describe("crowdworker progress with checks", () => {
  it("numbers each item once", async () => {
    const { study } = await createQualityStudy({ itemCount: 8, itemsPerWorker: 6, attentionCheckEvery: 2 });
    const worker = await createCrowdworker(study.id);

    const progress = [];
    for (let step = 0; step < 12; step += 1) {
      const { assignment, view } = await judgeNext(study.id, worker.id, "attention-correct");
      if (!assignment) {
        break;
      }
      progress.push(view!.progress);
    }

    expect(progress.map((entry) => entry.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(progress.every((entry) => entry.total === 8)).toBe(true);
  });
});

describe("study progress with attention checks", () => {
  it("counts regular items only", async () => {
    const { study } = await createQualityStudy({ itemCount: 3, attentionCheckEvery: 1 });
    const worker = await createCrowdworker(study.id);
    await judgeNext(study.id, worker.id);
    await judgeNext(study.id, worker.id, "attention-correct");

    const listed = (await listStudies()).find((entry) => entry.id === study.id)!;
    const stored = await db.studyItem.count({ where: { studyId: study.id } });

    expect(stored).toBe(4);
    expect(listed.itemCount).toBe(3);
    expect(listed.judgmentsDone).toBe(1);
  });
});
