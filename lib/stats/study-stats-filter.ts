import { z } from "zod";

/** Filter of the judgments a statistic counts. Only judgments on REGULAR items ever count. */
export type StudyStatsFilter = {
  /** Human judgments, simulated ones, or both. */
  judgeKind: "all" | "human" | "simulated";
  /** When set, simulated judgments count only from this judge version; human ones are unaffected. */
  judgeVersionId: string | null;
  /**
   * Crowdworkers by where they came from: "prolific" keeps those whose participation has a
   * Prolific study id, "direct" keeps the others. Simulated judgments are unaffected.
   */
  pool: "all" | "prolific" | "direct";
  /** Judgment.createdAt at or after this instant (inclusive). */
  from: Date | null;
  /** Judgment.createdAt before this instant (exclusive). */
  to: Date | null;
  /** Whether judgments of crowdworkers excluded from the study's results are dropped (the default) or kept. */
  excludedCrowdworkers: "drop" | "keep";
};

export const DEFAULT_STUDY_STATS_FILTER: StudyStatsFilter = {
  judgeKind: "all",
  judgeVersionId: null,
  pool: "all",
  from: null,
  to: null,
  excludedCrowdworkers: "drop",
};

/** URL search parameter names of the filter fields, for shareable dashboard links. */
export const STUDY_STATS_FILTER_PARAMS = {
  judgeKind: "judge",
  judgeVersionId: "judgeVersion",
  pool: "pool",
  from: "from",
  to: "to",
  excludedCrowdworkers: "excluded",
} as const;

const instantSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** Strict schema of one filter as URL search parameters; `parseStudyStatsFilter` applies it leniently. */
export const studyStatsFilterParamsSchema = z.object({
  judge: z.enum(["all", "human", "simulated"]).default("all"),
  judgeVersion: z.string().trim().min(1).max(100).optional(),
  pool: z.enum(["all", "prolific", "direct"]).default("all"),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  excluded: z.enum(["drop", "keep"]).default("drop"),
});

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Parse a filter from URL search parameters. Each invalid or missing value falls back to its
 * default, so a shared link always loads. `issues` names every ignored value and the reason,
 * for the page to show.
 */
export function parseStudyStatsFilter(params: SearchParamsInput): { filter: StudyStatsFilter; issues: string[] } {
  const raw = readParams(params);
  const issues: string[] = [];
  const defaults = studyStatsFilterParamsSchema.parse({});
  const values: Record<string, unknown> = { ...defaults };

  for (const [name, fieldSchema] of Object.entries(studyStatsFilterParamsSchema.shape)) {
    const value = raw[name];
    if (value === undefined || value === "") {
      continue;
    }
    const parsed = fieldSchema.safeParse(value);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      issues.push(`Invalid ${name}=${JSON.stringify(value)}: ${describeParam(name)}`);
    }
  }

  const filter: StudyStatsFilter = {
    judgeKind: values.judge as StudyStatsFilter["judgeKind"],
    judgeVersionId: (values.judgeVersion as string | undefined) ?? null,
    pool: values.pool as StudyStatsFilter["pool"],
    from: (values.from as Date | undefined) ?? null,
    to: (values.to as Date | undefined) ?? null,
    excludedCrowdworkers: values.excluded as StudyStatsFilter["excludedCrowdworkers"],
  };

  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    issues.push(`Invalid date range: from (${filter.from.toISOString()}) must be earlier than to (${filter.to.toISOString()}).`);
    filter.from = null;
    filter.to = null;
  }
  return { filter, issues };
}

/** Write a filter as URL search parameters, leaving out fields at their default. */
export function toStudyStatsSearchParams(filter: StudyStatsFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.judgeKind !== DEFAULT_STUDY_STATS_FILTER.judgeKind) {
    params.set(STUDY_STATS_FILTER_PARAMS.judgeKind, filter.judgeKind);
  }
  if (filter.judgeVersionId) {
    params.set(STUDY_STATS_FILTER_PARAMS.judgeVersionId, filter.judgeVersionId);
  }
  if (filter.pool !== DEFAULT_STUDY_STATS_FILTER.pool) {
    params.set(STUDY_STATS_FILTER_PARAMS.pool, filter.pool);
  }
  if (filter.from) {
    params.set(STUDY_STATS_FILTER_PARAMS.from, filter.from.toISOString());
  }
  if (filter.to) {
    params.set(STUDY_STATS_FILTER_PARAMS.to, filter.to.toISOString());
  }
  if (filter.excludedCrowdworkers !== DEFAULT_STUDY_STATS_FILTER.excludedCrowdworkers) {
    params.set(STUDY_STATS_FILTER_PARAMS.excludedCrowdworkers, filter.excludedCrowdworkers);
  }
  return params;
}

function readParams(params: SearchParamsInput): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) {
    return Object.fromEntries(params.entries());
  }
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
}

function describeParam(name: string): string {
  switch (name) {
    case "judge":
      return "use all, human or simulated.";
    case "pool":
      return "use all, prolific or direct.";
    case "excluded":
      return "use drop or keep.";
    case "from":
    case "to":
      return "use an ISO 8601 instant with a time zone, such as 2026-12-01T00:00:00Z.";
    default:
      return "use a judge version id of at most 100 characters.";
  }
}
