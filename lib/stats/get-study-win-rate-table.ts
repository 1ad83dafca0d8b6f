import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { computeWinRateTable } from "@/lib/stats/compute-win-rate-table";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import { findStudyForStats } from "@/lib/stats/find-study-for-stats";
import { listIncludedJudgeKinds } from "@/lib/stats/list-included-judge-kinds";
import { parseBootstrapSettings } from "@/lib/stats/parse-bootstrap-settings";
import type { WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import { queryJudgmentCountLists } from "@/lib/stats/query-judgment-count-lists";
import { canQueryVerdictCounts, queryVerdictCountList } from "@/lib/stats/query-verdict-count-lists";
import { DEFAULT_STUDY_STATS_FILTER, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { JudgeKind, StudyWinRateTable } from "@/lib/stats/study-stats-types";
import { toPromptCellCounts, type WinRateCountList } from "@/lib/stats/win-rate-count-list";

/**
 * Compute a study's win-rate table for each judge kind the filter includes: every cell with
 * its n and Wilson interval, and bootstrap intervals for combination means and the overall mean.
 * The counts come from SQL per prompt and cell, so the bootstrap works on per-prompt count
 * vectors rather than on single judgments. They are read from JudgmentVerdictCount unless the
 * filter narrows by crowdworker pool or date. Those filters need every judgment grouped, which
 * took 1-2 s for a million judgments on a 2-core machine (docs/statistics.md), so a page
 * should load this table on its own.
 */
export async function getStudyWinRateTable({
  actor,
  studyId,
  filter = DEFAULT_STUDY_STATS_FILTER,
  convention = "tiesAsHalf",
  rounds,
  seed,
  confidence,
}: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  convention?: TieConvention;
  rounds?: number;
  seed?: number;
  confidence?: number;
}): Promise<StudyWinRateTable> {
  assertRole(actor, "RESEARCHER");
  const bootstrap = parseBootstrapSettings({ rounds, seed, confidence });
  const frame = await findStudyForStats(studyId);

  const layout: WinRateLayout = {
    candidateSystems: frame.candidates.map((candidate) => candidate.name),
    combinationNames: frame.combinations.map((combination) => combination.name),
    criterionKeys: frame.criterionKeys,
  };
  const computeKind = (judgeKind: JudgeKind, list: WinRateCountList | undefined) => ({
    judgeKind,
    ...computeWinRateTable({ counts: toPromptCellCounts(layout, list), layout, convention, ...bootstrap }),
  });

  let judgeKinds;
  if (canQueryVerdictCounts(filter)) {
    // One query per judge kind, run concurrently, so one kind's bootstrap runs in Node while
    // PostgreSQL still formats the other kind's counts.
    judgeKinds = await Promise.all(
      listIncludedJudgeKinds(filter).map(async (judgeKind) => computeKind(judgeKind, await queryVerdictCountList(frame, layout, filter, judgeKind))),
    );
  } else {
    const lists = await queryJudgmentCountLists(frame, layout, filter);
    judgeKinds = listIncludedJudgeKinds(filter).map((judgeKind) => computeKind(judgeKind, lists.find((entry) => entry.judgeType === judgeKind)));
  }

  return {
    studyId,
    baselineSystem: frame.baselineSystem.name,
    convention,
    candidateSystems: [...layout.candidateSystems],
    combinationNames: [...layout.combinationNames],
    criterionKeys: [...layout.criterionKeys],
    judgeKinds,
    bootstrap,
    filter,
  };
}
