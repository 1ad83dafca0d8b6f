import { randomUUID } from "node:crypto";

import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";

import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { submitJudgment } from "@/lib/assignment/submit-judgment";
import { db } from "@/lib/db/prisma";
import { streamJudgmentsCsv } from "@/lib/exports/stream-judgments-csv";
import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import { excludeCrowdworker } from "@/lib/quality/exclude-crowdworker";
import { getCrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";
import { revokeExclusion } from "@/lib/quality/revoke-exclusion";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { enterStudy } from "@/lib/studies/enter-study";

import { createCrowdworker } from "./assignment-fixtures";
import { createQualityStudy } from "./quality-fixtures";

type Plan = { shownFirst: ComparedSystem; verdicts: Record<string, Verdict>; seconds: Record<string, number> };

/**
 * Four crowdworkers judge two items (prompts q1 and q2) on P2. Verdicts per prompt:
 *   q1: W1 CANDIDATE, W2 CANDIDATE, W3 BASELINE, W4 CANDIDATE
 *   q2: W1 TIE,       W2 BASELINE,  W3 BASELINE, W4 BASELINE
 */
const PLANS: Record<string, Plan> = {
  W1: { shownFirst: "CANDIDATE", verdicts: { q1: "CANDIDATE", q2: "TIE" }, seconds: { q1: 10, q2: 30 } },
  W2: { shownFirst: "BASELINE", verdicts: { q1: "CANDIDATE", q2: "BASELINE" }, seconds: { q1: 5, q2: 7 } },
  W3: { shownFirst: "BASELINE", verdicts: { q1: "BASELINE", q2: "BASELINE" }, seconds: { q1: 40, q2: 40 } },
  W4: { shownFirst: "CANDIDATE", verdicts: { q1: "CANDIDATE", q2: "BASELINE" }, seconds: { q1: 12, q2: 20 } },
};

/** Claim and submit every item for one crowdworker, forcing the display order and the time spent from `plan`. */
async function judgeAsPlanned(studyId: string, userId: string, plan: Plan) {
  for (;;) {
    const lease = await claimNextItem({ studyId, userId });
    if (!lease) {
      return;
    }
    await db.assignment.update({ where: { id: lease.id }, data: { shownFirst: plan.shownFirst } });
    const item = await db.studyItem.findUniqueOrThrow({ where: { id: lease.studyItemId }, include: { prompt: true } });
    const verdict = plan.verdicts[item.prompt.externalId];
    let choice: "A" | "TIE" | "B" = verdict === plan.shownFirst ? "A" : "B";
    if (verdict === "TIE") {
      choice = "TIE";
    }

    await submitJudgment({ assignmentId: lease.id, userId, requestId: randomUUID(), answers: [{ dimensionKey: "P2", choice }] });

    const submitted = await db.assignment.findUniqueOrThrow({ where: { id: lease.id } });
    await db.assignment.update({
      where: { id: lease.id },
      data: { assignedAt: new Date(submitted.submittedAt!.getTime() - plan.seconds[item.prompt.externalId] * 1000) },
    });
  }
}

async function csvRows(actor: { id: string; role: "RESEARCHER" }, studyId: string) {
  const text = await new Response(await streamJudgmentsCsv({ actor, studyId })).text();
  return Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
}

/** Count the crowdworker judgments in the study's win-rate table, which leaves out excluded crowdworkers. */
async function countTableJudgments(actor: { id: string; role: "RESEARCHER" }, studyId: string): Promise<number> {
  const table = await getStudyWinRateTable({ actor, studyId, filter: { ...DEFAULT_STUDY_STATS_FILTER, judgeKind: "human" } });
  return table.judgeKinds[0].n;
}

describe("quality table", () => {
  let studyId: string;
  let researcher: { id: string; role: "RESEARCHER" };
  const userIds: Record<string, string> = {};
  const pseudonyms: Record<string, string> = {};

  beforeAll(async () => {
    const { study } = await createQualityStudy({ itemCount: 2, judgmentsPerItem: 4 });
    studyId = study.id;
    researcher = { id: study.createdById, role: "RESEARCHER" };
    for (const [label, plan] of Object.entries(PLANS)) {
      const worker = await createCrowdworker(studyId);
      userIds[label] = worker.id;
      pseudonyms[label] = worker.pseudonym!;
      await judgeAsPlanned(studyId, worker.id, plan);
    }
  });

  async function rowOf(label: string) {
    const rows = await getCrowdworkerQuality({ actor: researcher, studyId });
    return rows.find((row) => row.userId === userIds[label])!;
  }

  it("shows the Prolific id to researchers", async () => {
    const prolificPid = `pid${Date.now().toString(36)}`;
    const arrival = await enterStudy({ studyId, prolificPid, prolificStudyId: "s", prolificSessionId: "x" });

    const rows = await getCrowdworkerQuality({ actor: researcher, studyId });

    expect(rows.find((row) => row.userId === arrival.id)?.prolificId).toBe(prolificPid);
    expect((await rowOf("W1")).prolificId).toBeNull();
  });

  it("counts items and the median time", async () => {
    const row = await rowOf("W1");

    expect(row.pseudonym).toBe(pseudonyms.W1);
    expect(row.itemsJudged).toBe(2);
    expect(row.medianSeconds).toBe(20);
  });

  it("computes agreement with the majority of others", async () => {
    expect((await rowOf("W1")).majorityAgreement).toEqual({ count: 1, total: 2, rate: 0.5 });
    expect((await rowOf("W2")).majorityAgreement).toEqual({ count: 2, total: 2, rate: 1 });
    expect((await rowOf("W3")).majorityAgreement).toEqual({ count: 1, total: 2, rate: 0.5 });
    expect((await rowOf("W4")).majorityAgreement).toEqual({ count: 2, total: 2, rate: 1 });
  });

  it("computes the first-shown share", async () => {
    // W1 saw the candidate first and chose it once (q1), then a tie.
    expect((await rowOf("W1")).firstShownShare).toEqual({ count: 1, total: 2, rate: 0.5 });
    // W3 saw the baseline first and chose it both times.
    expect((await rowOf("W3")).firstShownShare).toEqual({ count: 2, total: 2, rate: 1 });
    // W2 saw the baseline first and chose it once (q2).
    expect((await rowOf("W2")).firstShownShare).toEqual({ count: 1, total: 2, rate: 0.5 });
  });

  it("records exclusion and revocation", async () => {
    const exclusion = await excludeCrowdworker({ actor: researcher, studyId, userId: userIds.W3, reason: "Chose the baseline every time." });

    expect(exclusion).toMatchObject({ excludedById: researcher.id, reason: "Chose the baseline every time.", revokedAt: null });
    expect((await rowOf("W3")).status).toBe("excluded");
    await expect(excludeCrowdworker({ actor: researcher, studyId, userId: userIds.W3, reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });

    const [revoked] = await revokeExclusion({ actor: researcher, studyId, userId: userIds.W3 });

    expect(revoked.id).toBe(exclusion.id);
    expect(revoked.revokedById).toBe(researcher.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await rowOf("W3")).status).toBe("finished");
    await expect(revokeExclusion({ actor: researcher, studyId, userId: userIds.W3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("drops excluded judgments from win rates and majorities", async () => {
    expect(await countTableJudgments(researcher, studyId)).toBe(8);

    await excludeCrowdworker({ actor: researcher, studyId, userId: userIds.W2, reason: "Too fast." });
    const judgedWithoutW2 = await countTableJudgments(researcher, studyId);
    const w1WithoutW2 = (await rowOf("W1")).majorityAgreement;
    await revokeExclusion({ actor: researcher, studyId, userId: userIds.W2 });

    expect(judgedWithoutW2).toBe(6);
    // Without W2, q1 has no strict majority among W3 and W4, and q2's majority (BASELINE) disagrees with W1's tie.
    expect(w1WithoutW2).toEqual({ count: 0, total: 1, rate: 0 });
    expect(await countTableJudgments(researcher, studyId)).toBe(8);
  });

  it("narrows rows and majorities by the dashboard filter", async () => {
    const rowsUnder = async (filter: Partial<StudyStatsFilter>) => {
      const rows = await getCrowdworkerQuality({ actor: researcher, studyId, filter: { ...DEFAULT_STUDY_STATS_FILTER, ...filter } });
      return new Map(rows.map((row) => [row.userId, row]));
    };
    const w4Participation = await db.studyParticipation.findFirstOrThrow({ where: { studyId, userId: userIds.W4 } });
    await db.studyParticipation.update({ where: { id: w4Participation.id }, data: { prolificStudyId: "prolific-study-1" } });
    await excludeCrowdworker({ actor: researcher, studyId, userId: userIds.W2, reason: "Too fast." });

    const direct = await rowsUnder({ pool: "direct" });
    const prolific = await rowsUnder({ pool: "prolific" });
    const keptExcluded = await rowsUnder({ excludedCrowdworkers: "keep" });
    const droppedExcluded = await rowsUnder({});
    const later = await rowsUnder({ from: new Date(Date.now() + 3_600_000) });

    await revokeExclusion({ actor: researcher, studyId, userId: userIds.W2 });
    await db.studyParticipation.update({ where: { id: w4Participation.id }, data: { prolificStudyId: null } });

    expect(direct.has(userIds.W4)).toBe(false);
    expect(prolific.has(userIds.W4)).toBe(true);
    expect(prolific.has(userIds.W1)).toBe(false);
    // Among direct crowdworkers without W2, W3 alone is the majority: BASELINE on q1 and q2.
    expect(direct.get(userIds.W1)!.majorityAgreement).toEqual({ count: 0, total: 2, rate: 0 });
    expect(keptExcluded.get(userIds.W1)!.majorityAgreement).toEqual({ count: 1, total: 2, rate: 0.5 });
    expect(droppedExcluded.get(userIds.W1)!.majorityAgreement).toEqual({ count: 0, total: 1, rate: 0 });
    expect(droppedExcluded.get(userIds.W2)!.status).toBe("excluded");
    expect(later.get(userIds.W1)!.itemsJudged).toBe(0);
    expect(later.get(userIds.W1)!.majorityAgreement.total).toBe(0);
  });

  it("flags excluded judgments in the CSV", async () => {
    await excludeCrowdworker({ actor: researcher, studyId, userId: userIds.W4, reason: "Test exclusion." });
    const excludedRows = await csvRows(researcher, studyId);
    await revokeExclusion({ actor: researcher, studyId, userId: userIds.W4 });
    const revokedRows = await csvRows(researcher, studyId);

    expect(excludedRows).toHaveLength(8);
    expect(excludedRows.filter((row) => row.excluded === "true").map((row) => row.crowdworker_pseudonym)).toEqual([pseudonyms.W4, pseudonyms.W4]);
    expect(excludedRows.filter((row) => row.excluded === "false")).toHaveLength(6);
    expect(revokedRows.every((row) => row.excluded === "false")).toBe(true);
  });
});
