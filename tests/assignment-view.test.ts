import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { db } from "@/lib/db/prisma";

import { createCrowdworker, createJudgingStudy } from "./assignment-fixtures";

describe("getAssignmentView", () => {
  it("orders the responses by shownFirst", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);
    const assignment = await claimNextItem({ studyId: study.id, userId: worker.id });

    await db.assignment.update({ where: { id: assignment!.id }, data: { shownFirst: "BASELINE" } });
    const baselineFirst = await getAssignmentView({ assignmentId: assignment!.id, userId: worker.id });
    await db.assignment.update({ where: { id: assignment!.id }, data: { shownFirst: "CANDIDATE" } });
    const candidateFirst = await getAssignmentView({ assignmentId: assignment!.id, userId: worker.id });

    expect(baselineFirst.responseA).toBe("baseline answer 1");
    expect(baselineFirst.responseB).toBe("candidate answer 1");
    expect(candidateFirst.responseA).toBe("candidate answer 1");
    expect(candidateFirst.responseB).toBe("baseline answer 1");
  });

  it("never names the systems or the candidate", async () => {
    const { study, candidate, baseline } = await createJudgingStudy({ itemCount: 1 });
    const worker = await createCrowdworker(study.id);
    const assignment = await claimNextItem({ studyId: study.id, userId: worker.id });

    const view = await getAssignmentView({ assignmentId: assignment!.id, userId: worker.id });

    const serialized = JSON.stringify(view);
    expect(serialized).not.toContain(candidate.name);
    expect(serialized).not.toContain(baseline.name);
    expect(serialized).not.toContain(candidate.id);
    expect(serialized).not.toMatch(/candidate"|baseline"|shownFirst|orderSeed|systemId/i);
    expect(Object.keys(view).sort()).toEqual(
      ["assignmentId", "criteria", "expiresAt", "persona", "progress", "prompt", "responseA", "responseB", "status", "studyId"].sort(),
    );
  });

  it("describes the persona and the study's criteria", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, criterionDimensionKeys: ["P1", "P3"] });
    const worker = await createCrowdworker(study.id);
    const assignment = await claimNextItem({ studyId: study.id, userId: worker.id });

    const view = await getAssignmentView({ assignmentId: assignment!.id, userId: worker.id });

    // The fixture's first item uses combination AAA.
    expect(view.prompt).toBe("Question 1?");
    expect(view.persona).toBe(
      "This user wants answers that a ten-year-old could follow: simple words, no jargon; " +
        "wants short answers that get to the point; and likes a friendly, witty and funny tone, like a close friend.",
    );
    expect(view.criteria.map((criterion) => criterion.dimensionKey)).toEqual(["P1", "P3"]);
    expect(view.criteria[1].wording).toBe(
      "Style: which response is better for a user who likes a friendly, witty and funny tone, like a close friend?",
    );
    expect(view.progress).toEqual({ done: 0, total: 1 });
  });

  it("rejects someone else's assignment", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const owner = await createCrowdworker(study.id);
    const other = await createCrowdworker(study.id);
    const assignment = await claimNextItem({ studyId: study.id, userId: owner.id });

    await expect(getAssignmentView({ assignmentId: assignment!.id, userId: other.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAssignmentView({ assignmentId: "forged-id", userId: other.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
