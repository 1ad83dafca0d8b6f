import Papa from "papaparse";

import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { listExcludedUserIds } from "@/lib/quality/list-excluded-user-ids";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

export const JUDGMENT_CSV_COLUMNS = [
  "study_id",
  "item_id",
  "prompt_external_id",
  "prompt_set",
  "combination",
  "combination_side_keys",
  "criterion_side_key",
  "judge_criterion",
  "candidate_system",
  "baseline_system",
  "shown_first",
  "verdict",
  "judge_type",
  "crowdworker_pseudonym",
  "created_at",
  "excluded",
] as const;

const DEFAULT_BATCH_SIZE = 1000;

const judgmentSelect = {
  id: true,
  verdict: true,
  shownFirst: true,
  judgeType: true,
  createdAt: true,
  userId: true,
  user: { select: { pseudonym: true } },
  criterionSide: { select: { key: true, judgeCriterion: true } },
  studyItem: {
    select: {
      id: true,
      prompt: { select: { externalId: true } },
      combination: { select: { name: true, sideKeys: true } },
      candidateResponse: { select: { system: { select: { name: true } } } },
      baselineResponse: { select: { system: { select: { name: true } } } },
    },
  },
} as const;

/**
 * Stream every judgment on a study's regular items as CSV, one row per judgment, reading the
 * database in batches of `batchSize` ordered by judgment id. Judgments on gold items and
 * attention checks are left out. Crowdworkers appear by pseudonym only, `excluded` is "true"
 * for judgments of crowdworkers excluded from the results when the export starts, and times
 * are ISO 8601 in UTC. Throws NOT_FOUND before streaming when the study does not exist.
 */
export async function streamJudgmentsCsv({
  actor,
  studyId,
  batchSize = DEFAULT_BATCH_SIZE,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  batchSize?: number;
}): Promise<ReadableStream<Uint8Array>> {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({ where: { id: studyId }, select: { promptSet: { select: { name: true } } } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }
  const promptSetName = study.promptSet.name;
  const excludedUserIds = new Set(await listExcludedUserIds({ studyId }));

  const encoder = new TextEncoder();
  let afterId: string | undefined;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${Papa.unparse([[...JUDGMENT_CSV_COLUMNS]])}\r\n`));
        return;
      }

      const batch = await readBatch();
      if (batch.length === 0) {
        controller.close();
        return;
      }

      afterId = batch[batch.length - 1].id;
      const rows = batch.map((judgment) => toCsvRow(judgment, studyId, promptSetName, excludedUserIds));
      controller.enqueue(encoder.encode(`${Papa.unparse(rows)}\r\n`));
    },
  });

  async function readBatch() {
    try {
      return await db.judgment.findMany({
        where: { studyItem: { studyId, kind: "REGULAR" }, ...(afterId ? { id: { gt: afterId } } : {}) },
        select: judgmentSelect,
        orderBy: { id: "asc" },
        take: batchSize,
      });
    } catch (error) {
      // The response has started, so the client gets a cut-off download and only this log line records the cause.
      logger.error({ err: error, studyId, afterId }, "judgment CSV export failed mid-stream");
      throw error;
    }
  }
}

type JudgmentRow = Prisma.JudgmentGetPayload<{ select: typeof judgmentSelect }>;

function toCsvRow(judgment: JudgmentRow, studyId: string, promptSetName: string, excludedUserIds: ReadonlySet<string>): string[] {
  return [
    studyId,
    judgment.studyItem.id,
    judgment.studyItem.prompt.externalId,
    promptSetName,
    judgment.studyItem.combination.name,
    judgment.studyItem.combination.sideKeys,
    judgment.criterionSide.key,
    judgment.criterionSide.judgeCriterion,
    judgment.studyItem.candidateResponse.system.name,
    judgment.studyItem.baselineResponse.system.name,
    judgment.shownFirst,
    judgment.verdict,
    judgment.judgeType,
    judgment.user?.pseudonym ?? "",
    judgment.createdAt.toISOString(),
    String(judgment.userId !== null && excludedUserIds.has(judgment.userId)),
  ];
}
