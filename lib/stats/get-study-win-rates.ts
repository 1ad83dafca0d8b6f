import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { JudgeType } from "@/lib/generated/prisma/enums";
import { listExcludedUserIds } from "@/lib/quality/list-excluded-user-ids";
import { computeWinRates, type TieConvention, type WinRateReport } from "@/lib/stats/compute-win-rates";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

export type StudyWinRates = WinRateReport & { studyId: string; baselineSystem: string; judgeType: JudgeType };

/**
 * Compute the win rates of a study's candidates against its baseline from the stored
 * judgments of one judge type (human by default), with a cell for every candidate,
 * study combination and criterion. Only regular items count: judgments on gold items and
 * attention checks are left out, and so are those of crowdworkers excluded from the study.
 */
export async function getStudyWinRates({
  actor,
  studyId,
  convention = "tiesAsHalf",
  judgeType = "HUMAN",
}: {
  actor: Actor | null | undefined;
  studyId: string;
  convention?: TieConvention;
  judgeType?: JudgeType;
}): Promise<StudyWinRates> {
  assertRole(actor, "RESEARCHER");

  const study = await db.study.findUnique({
    where: { id: studyId },
    select: {
      criterionDimensionKeys: true,
      baselineSystem: { select: { name: true } },
      candidates: { select: { system: { select: { name: true } } } },
      combinations: { select: { combination: { select: { name: true } } } },
    },
  });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} does not exist. Check the link or pick it from the study list.`);
  }

  const excludedUserIds = await listExcludedUserIds({ studyId });
  const judgments = await db.judgment.findMany({
    where: {
      studyItem: { studyId, kind: "REGULAR" },
      judgeType,
      // userId is null for simulated judgments, and NOT IN drops null rows, so keep them explicitly.
      ...(excludedUserIds.length > 0 ? { OR: [{ userId: null }, { userId: { notIn: excludedUserIds } }] } : {}),
    },
    select: {
      verdict: true,
      criterionSide: { select: { dimension: { select: { key: true } } } },
      studyItem: {
        select: {
          combination: { select: { name: true } },
          candidateResponse: { select: { system: { select: { name: true } } } },
        },
      },
    },
  });

  const report = computeWinRates({
    rows: judgments.map((judgment) => ({
      candidateSystem: judgment.studyItem.candidateResponse.system.name,
      combinationName: judgment.studyItem.combination.name,
      criterionKey: judgment.criterionSide.dimension.key,
      verdict: judgment.verdict,
    })),
    convention,
    candidateSystems: study.candidates.map((candidate) => candidate.system.name).sort(),
    combinationNames: study.combinations.map((entry) => entry.combination.name).sort(),
    criterionKeys: study.criterionDimensionKeys,
  });

  return { ...report, studyId, baselineSystem: study.baselineSystem.name, judgeType };
}
