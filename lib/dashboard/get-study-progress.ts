import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { PROGRESS_SLOT_MINUTES, type ProgressSlot } from "@/lib/dashboard/bucket-progress";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildJudgmentFilterSql } from "@/lib/stats/build-judgment-filter-sql";
import { selectExcludedCrowdworkerIds, selectProlificCrowdworkerIds } from "@/lib/stats/crowdworker-id-queries";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";

export type StudyProgress = {
  /** Regular items submitted by crowdworkers, counted once per crowdworker and item. */
  humanItemsDone: number;
  /** Regular items times judgments per item. */
  humanItemsTarget: number;
  simulatedJudgments: number;
  /** Counts per 15-minute UTC slot, in time order; slots without work are left out. */
  slots: ProgressSlot[];
};

type SlotCount = { slotEpochSeconds: number; count: number };

/**
 * Count a study's progress over time in 15-minute UTC slots: regular items submitted by
 * crowdworkers (by submission time) and simulated judgments on regular items (by creation
 * time), both narrowed by the filter. Gold items and attention checks are left out, as in the
 * study's progress totals. Throws NOT_FOUND for a missing study.
 */
export async function getStudyProgress({
  actor,
  studyId,
  filter = DEFAULT_STUDY_STATS_FILTER,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
}): Promise<StudyProgress> {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({ where: { id: studyId }, select: { judgmentsPerItem: true } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }

  const slotSeconds = PROGRESS_SLOT_MINUTES * 60;
  // The columns are timestamp without time zone holding UTC, and extract(epoch) reads them as UTC.
  const [itemCount, humanSlots, simulatedSlots] = await Promise.all([
    db.studyItem.count({ where: { studyId, kind: "REGULAR" } }),
    filter.judgeKind === "simulated"
      ? []
      : db.$queryRaw<SlotCount[]>`
      SELECT (floor(extract(epoch FROM a."submittedAt") / ${slotSeconds}) * ${slotSeconds})::double precision AS "slotEpochSeconds",
             count(*)::int AS "count"
      FROM "Assignment" a JOIN "StudyItem" i ON i.id = a."studyItemId"
      WHERE i."studyId" = ${studyId} AND i.kind = 'REGULAR' AND a.status = 'SUBMITTED' AND a."submittedAt" IS NOT NULL
        AND ${buildSubmissionFilterSql(studyId, filter)}
      GROUP BY 1`,
    filter.judgeKind === "human"
      ? []
      : db.$queryRaw<SlotCount[]>`
      SELECT (floor(extract(epoch FROM j."createdAt") / ${slotSeconds}) * ${slotSeconds})::double precision AS "slotEpochSeconds",
             count(*)::int AS "count"
      FROM "Judgment" j
      WHERE j."studyId" = ${studyId} AND j."studyItemKind" = 'REGULAR' AND j."judgeType" = 'SIMULATED'
        AND ${buildJudgmentFilterSql(studyId, filter)}
      GROUP BY 1`,
  ]);

  const slots = new Map<number, ProgressSlot>();
  const slotAt = (epochSeconds: number) => {
    const slot = slots.get(epochSeconds) ?? { start: new Date(epochSeconds * 1000).toISOString(), humanItems: 0, simulatedJudgments: 0 };
    slots.set(epochSeconds, slot);
    return slot;
  };
  for (const row of humanSlots) {
    slotAt(row.slotEpochSeconds).humanItems += row.count;
  }
  for (const row of simulatedSlots) {
    slotAt(row.slotEpochSeconds).simulatedJudgments += row.count;
  }

  const sorted = [...slots.entries()].sort(([left], [right]) => left - right).map(([, slot]) => slot);
  return {
    humanItemsDone: sorted.reduce((sum, slot) => sum + slot.humanItems, 0),
    humanItemsTarget: itemCount * study.judgmentsPerItem,
    simulatedJudgments: sorted.reduce((sum, slot) => sum + slot.simulatedJudgments, 0),
    slots: sorted,
  };
}

/**
 * Build the condition that narrows submitted assignments, named "a", by the filter's pool,
 * dates and exclusions: buildJudgmentFilterSql's counterpart for crowdworkers' items. Judge
 * versions concern only simulated judgments.
 */
function buildSubmissionFilterSql(studyId: string, filter: StudyStatsFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];

  if (filter.pool !== "all") {
    const inProlificPool = Prisma.sql`a."userId" IN (${selectProlificCrowdworkerIds(studyId)})`;
    conditions.push(filter.pool === "prolific" ? inProlificPool : Prisma.sql`NOT (${inProlificPool})`);
  }
  if (filter.from) {
    conditions.push(Prisma.sql`a."submittedAt" >= (${filter.from.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filter.to) {
    conditions.push(Prisma.sql`a."submittedAt" < (${filter.to.toISOString()}::timestamptz AT TIME ZONE 'UTC')`);
  }
  if (filter.excludedCrowdworkers === "drop") {
    conditions.push(Prisma.sql`NOT (a."userId" IN (${selectExcludedCrowdworkerIds(studyId)}))`);
  }

  return Prisma.join(conditions, " AND ");
}
