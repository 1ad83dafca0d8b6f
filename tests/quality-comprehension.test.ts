import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { completeParticipation } from "@/lib/assignment/complete-participation";
import { db } from "@/lib/db/prisma";
import { answerComprehensionCheck } from "@/lib/quality/answer-comprehension-check";
import { COMPREHENSION_QUESTIONS } from "@/lib/quality/comprehension-questions";

import { createCrowdworker } from "./assignment-fixtures";
import { createQualityStudy, judgeNext } from "./quality-fixtures";

const correct = Object.fromEntries(COMPREHENSION_QUESTIONS.map((question) => [question.id, question.correctOptionId]));
const wrong = Object.fromEntries(
  COMPREHENSION_QUESTIONS.map((question) => [question.id, question.options.find((option) => option.id !== question.correctOptionId)!.id]),
);

describe("comprehension check", () => {
  it("is required before the first claim", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, comprehensionCheck: true });
    const worker = await createCrowdworker(study.id);

    const claim = claimNextItem({ studyId: study.id, userId: worker.id });

    await expect(claim).rejects.toMatchObject({ code: "FORBIDDEN", details: { reason: "COMPREHENSION_REQUIRED" } });
  });

  it("lets a crowdworker claim after passing", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, comprehensionCheck: true });
    const worker = await createCrowdworker(study.id);

    const result = await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: correct });

    expect(result).toEqual({ status: "passed" });
    expect(await claimNextItem({ studyId: study.id, userId: worker.id })).not.toBeNull();
  });

  it("gives a second attempt after a wrong one", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, comprehensionCheck: true });
    const worker = await createCrowdworker(study.id);

    const first = await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: wrong });
    const second = await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: correct });

    expect(first).toMatchObject({ status: "retry", attemptsLeft: 1 });
    expect(second).toEqual({ status: "passed" });
  });

  it("asks to return after two wrong attempts", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, comprehensionCheck: true });
    const worker = await createCrowdworker(study.id);

    await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: wrong });
    const second = await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: wrong });
    const third = await answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: correct });

    expect(second).toEqual({ status: "returnRequested" });
    expect(third).toEqual({ status: "returnRequested" });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: worker.id } });
    expect(participation.comprehensionAttempts).toBe(2);
    expect(participation.returnReason).toBe("COMPREHENSION_FAILED");
    expect(participation.returnRequestedAt).not.toBeNull();
    await expect(claimNextItem({ studyId: study.id, userId: worker.id })).rejects.toMatchObject({ details: { reason: "RETURN_REQUESTED" } });
    await expect(completeParticipation({ studyId: study.id, userId: worker.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("does not count an incomplete attempt", async () => {
    const { study } = await createQualityStudy({ itemCount: 1, comprehensionCheck: true });
    const worker = await createCrowdworker(study.id);

    const attempt = answerComprehensionCheck({ studyId: study.id, userId: worker.id, answers: { [COMPREHENSION_QUESTIONS[0].id]: "mine" } });

    await expect(attempt).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId: study.id, userId: worker.id } });
    expect(participation.comprehensionAttempts).toBe(0);
  });

  it("is skipped when the study has it off", async () => {
    const { study } = await createQualityStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);

    const { assignment } = await judgeNext(study.id, worker.id);

    expect(assignment).not.toBeNull();
  });
});
