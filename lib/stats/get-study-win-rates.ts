import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { JudgeType } from "@/lib/generated/prisma/enums";
import { computeWinRates, type TieConvention, type WinRateReport } from "@/lib/stats/compute-win-rates";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

export type StudyWinRates = WinRateReport & { studyId: string; baselineSystem: string; judgeType: JudgeType };

/**
 * Compute the win rates of a study's candidates against its baseline from the stored
 * judgments of one judge type (human by default), with a cell for every candidate,
 * study combination and criterion.
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

  const judgments = await db.judgment.findMany({
    where: { studyItem: { studyId }, judgeType },
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
