import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ComparedSystem, ReturnReason, Verdict } from "@/lib/generated/prisma/enums";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import { PROLIFIC_PARTICIPANT_PREFIX } from "@/lib/studies/enter-study";

export type CrowdworkerStatus = "active" | "finished" | "warned" | "returned" | "returned after comprehension check" | "blocked" | "excluded";

/** A share with the counts behind it; `rate` is null when `total` is 0. */
export type Share = { count: number; total: number; rate: number | null };

export type CrowdworkerQuality = {
  userId: string;
  pseudonym: string;
  /** Prolific's PROLIFIC_PID, which researchers need to approve, reject or pay on Prolific; null for link-only entries. */
  prolificId: string | null;
  /** Submitted regular items. */
  itemsJudged: number;
  /** Median seconds from lease to submission over regular items; null before the first. */
  medianSeconds: number | null;
  tooFastCount: number;
  attentionPassed: number;
  attentionFailed: number;
  /** Gold-item criteria answered with the expected verdict. */
  goldAgreement: Share;
  /**
   * Regular judgments matching the strict majority (more than half) of the other crowdworkers
   * on the same item and criterion, leaving out excluded ones. Judgments without such a
   * majority are not counted.
   */
  majorityAgreement: Share;
  /** Regular judgments that chose the response shown first, out of all of them (ties included). */
  firstShownShare: Share;
  failedChecks: number;
  status: CrowdworkerStatus;
  exclusion: { reason: string; excludedAt: Date; excludedBy: string } | null;
};

type RegularJudgment = { userId: string; itemId: string; sideId: string; verdict: Verdict; shownFirst: ComparedSystem };

/**
 * Compute the quality table of a study: one row per crowdworker who entered it, ordered by
 * pseudonym. A filter narrows it to the crowdworkers of its pool and the submissions in its
 * date range. Excluded crowdworkers keep their rows, so their exclusion can be revoked; their votes
 * count in the majorities only when the filter keeps excluded crowdworkers. Judge filters do
 * not apply. Throws NOT_FOUND for a missing study.
 */
export async function getCrowdworkerQuality({
  actor,
  studyId,
  filter,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
}): Promise<CrowdworkerQuality[]> {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({ where: { id: studyId }, select: { qualityWarnThreshold: true } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }

  const pool = filter?.pool ?? "all";
  const submittedWithin = { gte: filter?.from ?? undefined, lt: filter?.to ?? undefined };
  const [participations, assignments, judgments, expectedVerdicts, exclusions] = await Promise.all([
    db.studyParticipation.findMany({
      where: { studyId, ...(pool === "all" ? {} : { prolificStudyId: pool === "prolific" ? { not: null } : null }) },
      include: { user: { select: { pseudonym: true, participantId: true } } },
    }),
    db.assignment.findMany({
      where: { status: "SUBMITTED", studyItem: { studyId }, submittedAt: submittedWithin },
      select: { userId: true, assignedAt: true, submittedAt: true, tooFast: true, checkPassed: true, studyItem: { select: { kind: true } } },
    }),
    db.judgment.findMany({
      where: { judgeType: "HUMAN", studyItem: { studyId, kind: { in: ["REGULAR", "GOLD"] } }, createdAt: submittedWithin },
      select: { userId: true, studyItemId: true, criterionSideId: true, verdict: true, shownFirst: true, studyItem: { select: { kind: true } } },
    }),
    db.expectedVerdict.findMany({ where: { studyItem: { studyId, kind: "GOLD" } } }),
    db.crowdworkerExclusion.findMany({
      where: { studyId, revokedAt: null },
      include: { excludedBy: { select: { email: true, name: true } } },
    }),
  ]);

  const exclusionByUser = new Map(exclusions.map((exclusion) => [exclusion.userId, exclusion]));
  const expectedByKey = new Map(expectedVerdicts.map((entry) => [`${entry.studyItemId}|${entry.criterionSideId}`, entry.verdict]));
  const inPool = new Set(participations.map((participation) => participation.userId));
  const regular: RegularJudgment[] = judgments
    .filter((judgment) => judgment.studyItem.kind === "REGULAR" && judgment.userId !== null && inPool.has(judgment.userId))
    .map((judgment) => ({
      userId: judgment.userId!,
      itemId: judgment.studyItemId,
      sideId: judgment.criterionSideId,
      verdict: judgment.verdict,
      shownFirst: judgment.shownFirst,
    }));
  const leftOutOfMajorities = filter?.excludedCrowdworkers === "keep" ? new Set<string>() : new Set(exclusionByUser.keys());
  const majorityAgreement = computeMajorityAgreement(regular, leftOutOfMajorities);
  const assignmentsByUser = groupBy(assignments, (assignment) => assignment.userId);
  const judgmentsByUser = groupBy(judgments, (judgment) => judgment.userId ?? "");
  const regularByUser = groupBy(regular, (judgment) => judgment.userId);

  const rows = participations.map((participation): CrowdworkerQuality => {
    const userId = participation.userId;
    const mine = assignmentsByUser.get(userId) ?? [];
    const mineRegular = mine.filter((assignment) => assignment.studyItem.kind === "REGULAR");
    const attention = mine.filter((assignment) => assignment.studyItem.kind === "ATTENTION");
    const goldAnswers = (judgmentsByUser.get(userId) ?? []).filter(
      (judgment) => judgment.studyItem.kind === "GOLD" && expectedByKey.has(`${judgment.studyItemId}|${judgment.criterionSideId}`),
    );
    const myRegularJudgments = regularByUser.get(userId) ?? [];
    const failedChecks = mine.filter((assignment) => assignment.checkPassed === false || assignment.tooFast).length;
    const exclusion = exclusionByUser.get(userId);

    return {
      userId,
      pseudonym: participation.user.pseudonym ?? userId,
      prolificId: prolificIdOf(participation.user.participantId),
      itemsJudged: mineRegular.length,
      medianSeconds: median(mineRegular.map((assignment) => (assignment.submittedAt!.getTime() - assignment.assignedAt.getTime()) / 1000)),
      tooFastCount: mine.filter((assignment) => assignment.tooFast).length,
      attentionPassed: attention.filter((assignment) => assignment.checkPassed === true).length,
      attentionFailed: attention.filter((assignment) => assignment.checkPassed === false).length,
      goldAgreement: share(
        goldAnswers.filter((judgment) => expectedByKey.get(`${judgment.studyItemId}|${judgment.criterionSideId}`) === judgment.verdict).length,
        goldAnswers.length,
      ),
      majorityAgreement: majorityAgreement.get(userId) ?? share(0, 0),
      firstShownShare: share(myRegularJudgments.filter((judgment) => judgment.verdict === judgment.shownFirst).length, myRegularJudgments.length),
      failedChecks,
      status: statusOf({
        excluded: exclusion !== undefined,
        returnReason: participation.returnReason,
        warned: study.qualityWarnThreshold > 0 && failedChecks >= study.qualityWarnThreshold,
        finished: participation.completedAt !== null,
      }),
      exclusion: exclusion
        ? { reason: exclusion.reason, excludedAt: exclusion.excludedAt, excludedBy: exclusion.excludedBy.email ?? exclusion.excludedBy.name ?? exclusion.excludedById }
        : null,
    };
  });

  return rows.sort((left, right) => left.pseudonym.localeCompare(right.pseudonym));
}

/** Per crowdworker, how many of their regular judgments match the strict majority of the others on the same item and criterion. */
function computeMajorityAgreement(judgments: readonly RegularJudgment[], excludedUserIds: ReadonlySet<string>): Map<string, Share> {
  const byCell = groupBy(judgments, (judgment) => `${judgment.itemId}|${judgment.sideId}`);

  const counts = new Map<string, { agreed: number; compared: number }>();
  for (const cell of byCell.values()) {
    for (const judgment of cell) {
      const others = cell.filter((other) => other.userId !== judgment.userId && !excludedUserIds.has(other.userId));
      const majority = strictMajority(others.map((other) => other.verdict));
      if (!majority) {
        continue;
      }
      const entry = counts.get(judgment.userId) ?? { agreed: 0, compared: 0 };
      entry.compared += 1;
      entry.agreed += judgment.verdict === majority ? 1 : 0;
      counts.set(judgment.userId, entry);
    }
  }

  return new Map([...counts].map(([userId, { agreed, compared }]) => [userId, share(agreed, compared)]));
}

function strictMajority(verdicts: readonly Verdict[]): Verdict | null {
  const tally = new Map<Verdict, number>();
  for (const verdict of verdicts) {
    tally.set(verdict, (tally.get(verdict) ?? 0) + 1);
  }
  for (const [verdict, count] of tally) {
    if (count * 2 > verdicts.length) {
      return verdict;
    }
  }
  return null;
}

function prolificIdOf(participantId: string | null): string | null {
  return participantId?.startsWith(PROLIFIC_PARTICIPANT_PREFIX) ? participantId.slice(PROLIFIC_PARTICIPANT_PREFIX.length) : null;
}

function statusOf(facts: { excluded: boolean; returnReason: ReturnReason | null; warned: boolean; finished: boolean }): CrowdworkerStatus {
  if (facts.excluded) {
    return "excluded";
  }
  if (facts.returnReason === "QUALITY_BLOCKED") {
    return "blocked";
  }
  if (facts.returnReason === "COMPREHENSION_FAILED") {
    return "returned after comprehension check";
  }
  if (facts.returnReason === "RETURNED_BY_PARTICIPANT") {
    return "returned";
  }
  if (facts.warned) {
    return "warned";
  }
  return facts.finished ? "finished" : "active";
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) {
      group.push(value);
    } else {
      groups.set(key, [value]);
    }
  }
  return groups;
}

function share(count: number, total: number): Share {
  return { count, total, rate: total === 0 ? null : count / total };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
