import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

import { createCrowdworker, createJudgingStudy } from "./assignment-fixtures";

const ANSWERS = ["P1", "P2", "P3"].map((dimensionKey) => ({ dimensionKey, choice: "A" as const }));

describe("one crowdworker in two tabs", () => {
  it("gets the same assignment in both", async () => {
    const { study } = await createJudgingStudy({ itemCount: 4 });
    const worker = await createCrowdworker(study.id);

    const [first, second] = await Promise.all([
      claimNextItem({ studyId: study.id, userId: worker.id }),
      claimNextItem({ studyId: study.id, userId: worker.id }),
    ]);

    expect(first).not.toBeNull();
    expect(second!.id).toBe(first!.id);
    expect(await db.assignment.count({ where: { userId: worker.id } })).toBe(1);
  });

  it("stores one submission of the two", async () => {
    const { study } = await createJudgingStudy({ itemCount: 4 });
    const worker = await createCrowdworker(study.id);
    const assignment = await claimNextItem({ studyId: study.id, userId: worker.id });
    const submitFromTab = () =>
      submitJudgment({ assignmentId: assignment!.id, userId: worker.id, requestId: crypto.randomUUID(), answers: ANSWERS });

    const outcomes = await Promise.allSettled([submitFromTab(), submitFromTab()]);

    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(AppError);
    expect((rejected[0].reason as AppError).code).toBe("CONFLICT");
    expect(await db.judgment.count({ where: { assignmentId: assignment!.id } })).toBe(3);
    const stored = await db.assignment.findUniqueOrThrow({ where: { id: assignment!.id } });
    expect(stored.status).toBe("SUBMITTED");
    const item = await db.studyItem.findUniqueOrThrow({ where: { id: stored.studyItemId } });
    expect(item.completedCount).toBe(1);
  });
});
