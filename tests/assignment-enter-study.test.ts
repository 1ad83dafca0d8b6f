import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { db } from "@/lib/db/prisma";
import { enterStudy } from "@/lib/studies/enter-study";

import { createJudgingStudy } from "./assignment-fixtures";

function prolificPid(): string {
  return `pid_${randomUUID().replaceAll("-", "")}`;
}

describe("enterStudy", () => {
  it("resumes the same Prolific participant in a new session", async () => {
    const { study } = await createJudgingStudy({ itemCount: 3 });
    const pid = prolificPid();

    const first = await enterStudy({ studyId: study.id, prolificPid: pid, prolificStudyId: "ps1", prolificSessionId: "session1" });
    const lease = await claimNextItem({ studyId: study.id, userId: first.id });
    const second = await enterStudy({ studyId: study.id, prolificPid: pid, prolificStudyId: "ps1", prolificSessionId: "session2" });
    const resumedLease = await claimNextItem({ studyId: study.id, userId: second.id });

    expect(second.id).toBe(first.id);
    expect(resumedLease!.id).toBe(lease!.id);
    const participations = await db.studyParticipation.findMany({ where: { studyId: study.id, userId: first.id } });
    expect(participations).toHaveLength(1);
    expect(participations[0].prolificSessionId).toBe("session2");
  });

  it("prefers the Prolific id over the session user", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const sessionUser = await enterStudy({ studyId: study.id, prolificPid: prolificPid() });

    const other = await enterStudy({ studyId: study.id, prolificPid: prolificPid() }, { returningUserId: sessionUser.id });

    expect(other.id).not.toBe(sessionUser.id);
  });

  it("resumes a link-only crowdworker from the session", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1 });
    const first = await enterStudy({ studyId: study.id });

    const again = await enterStudy({ studyId: study.id }, { returningUserId: first.id });

    expect(again.id).toBe(first.id);
  });

  it("rejects a closed study", async () => {
    const { study } = await createJudgingStudy({ itemCount: 1, status: "CLOSED" });

    await expect(enterStudy({ studyId: study.id, prolificPid: prolificPid() })).rejects.toMatchObject({ code: "STUDY_NOT_OPEN" });
  });
});
