import type { MeanWinRate, TieConvention, WinRateCell } from "@/lib/stats/compute-win-rates";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";

/** A two-sided interval of a proportion or rating, lower <= upper. */
export type Interval = { lower: number; upper: number };

export type JudgeKind = "HUMAN" | "SIMULATED";

/** Settings of the bootstrap behind a result's intervals, which resamples prompts with replacement. */
export type BootstrapSettings = { rounds: number; seed: number; confidence: number };

/** A win-rate cell with its Wilson score interval; `interval` is null where `winRate` is. */
export type WinRateCellWithInterval = WinRateCell & { interval: Interval | null };

/**
 * A mean of win rates with the judgments behind it (`n`) and its bootstrap percentile interval;
 * `interval` is null where `winRate` is.
 */
export type MeanWinRateWithInterval = MeanWinRate & { n: number; interval: Interval | null };

export type CombinationWinRateRow = { combinationName: string; cells: WinRateCellWithInterval[]; mean: MeanWinRateWithInterval };

export type CandidateWinRateRow = { candidateSystem: string; combinations: CombinationWinRateRow[]; overall: MeanWinRateWithInterval };

/** Win rates from one kind of judge; simulated judgments of all judge versions are pooled unless the filter names one. */
export type JudgeKindWinRates = { judgeKind: JudgeKind; promptCount: number; n: number; candidates: CandidateWinRateRow[] };

export type StudyWinRateTable = {
  studyId: string;
  baselineSystem: string;
  convention: TieConvention;
  candidateSystems: string[];
  combinationNames: string[];
  criterionKeys: string[];
  /** One entry per judge kind the filter includes, human first. */
  judgeKinds: JudgeKindWinRates[];
  bootstrap: BootstrapSettings;
  filter: StudyStatsFilter;
};

/** Reason a system has no Bradley-Terry rating. */
export type RatingFlag = "tooFewComparisons" | "noWins" | "noLosses" | "notConnected";

export type RatedSystem = {
  system: string;
  isBaseline: boolean;
  /** Judgments that compared this system with another. */
  comparisons: number;
  /** Elo-scale rating: 1000 + 400 log10(strength), with the mean over rated systems at 1000. Null when flagged. */
  rating: number | null;
  interval: Interval | null;
  flag: RatingFlag | null;
};

/** Judgments of the row system against the column system; `winRate` counts ties as half and is null without judgments. */
export type PairwiseCell = { wins: number; ties: number; losses: number; n: number; winRate: number | null };

export type PairwiseWinMatrix = { systems: string[]; cells: PairwiseCell[][] };

export type StudyRatings = {
  studyId: string;
  baselineSystem: string;
  /** Rated systems by rating, highest first, then flagged systems by name. */
  systems: RatedSystem[];
  matrix: PairwiseWinMatrix;
  minComparisons: number;
  /** Number of prompts with judgments, which the bootstrap resamples. */
  promptCount: number;
  bootstrap: BootstrapSettings;
  filter: StudyStatsFilter;
};

/** Agreement between crowdworkers on one criterion, over item-criterion units with at least two ratings. */
export type CrowdworkerAgreement = {
  units: number;
  ratings: number;
  raters: number;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** Share of agreeing pairs among all pairs of ratings of the same unit. */
  pairwiseAgreement: number | null;
};

/** Agreement of one simulated judge version with the human majority verdict of each unit. */
export type JudgeMajorityAgreement = {
  judgeVersionId: string;
  judgeName: string;
  judgeVersion: number;
  /** Simulated judgments compared with a human majority. */
  n: number;
  /** Units that had simulated judgments but no strict human majority, left out of `n`. */
  unitsWithoutMajority: number;
  percentAgreement: number | null;
  cohenKappa: number | null;
};

export type CriterionAgreement = { criterionKey: string; crowdworkers: CrowdworkerAgreement; judges: JudgeMajorityAgreement[] };

export type StudyAgreement = { studyId: string; criteria: CriterionAgreement[]; filter: StudyStatsFilter };

/** How often the first-shown response was chosen; `share` is choseFirst / n, ties included in n. */
export type FirstShownShare = {
  n: number;
  choseFirst: number;
  choseSecond: number;
  ties: number;
  share: number | null;
  interval: Interval | null;
};

export type CrowdworkerPositionBias = FirstShownShare & { userId: string; pseudonym: string | null };

export type JudgePositionBias = FirstShownShare & { judgeVersionId: string; judgeName: string; judgeVersion: number };

/** Judgments whose length difference (candidate minus baseline, in characters) lies in [lower, upper); null is unbounded. */
export type LengthBin = Omit<WinRateCellWithInterval, "criterionKey"> & { lower: number | null; upper: number | null };

export type LengthControlledWinRate = {
  candidateSystem: string;
  n: number;
  /** Win rate under the table's tie convention, pooled over combinations and criteria. */
  winRate: number | null;
  /** Win rate predicted at zero length difference by a logistic regression on the length difference. */
  lengthControlledWinRate: number | null;
  /** Coefficient of the length feature, per unit of tanh(difference / standard deviation). */
  lengthCoefficient: number | null;
};

export type JudgeKindLengthBias = { judgeKind: JudgeKind; bins: LengthBin[]; candidates: LengthControlledWinRate[] };

export type StudyBias = {
  studyId: string;
  convention: TieConvention;
  crowdworkers: CrowdworkerPositionBias[];
  judges: JudgePositionBias[];
  length: JudgeKindLengthBias[];
  lengthBinEdges: number[];
  filter: StudyStatsFilter;
};
