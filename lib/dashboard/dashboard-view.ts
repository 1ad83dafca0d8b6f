import { z } from "zod";

import { DEFAULT_BOOTSTRAP_ROUNDS, MAX_BOOTSTRAP_ROUNDS } from "@/lib/stats/bootstrap-settings";
import { TIE_CONVENTIONS, type TieConvention } from "@/lib/stats/compute-win-rates";
import { parseStudyStatsFilter, toStudyStatsSearchParams, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";

/**
 * The view a dashboard shows: the statistics filter, the tie convention of its win rates and
 * the bootstrap rounds behind its intervals. All of it lives in the URL, so a link reproduces the
 * view. Client components may import this module.
 */
export type DashboardView = { filter: StudyStatsFilter; convention: TieConvention; rounds: number };

/** URL search parameters of the view besides the filter's own, which come from study-stats-filter. */
export const VIEW_PARAMS = { convention: "ties", rounds: "rounds" } as const;

const DEFAULT_CONVENTION: TieConvention = "tiesAsHalf";

const conventionSchema = z.enum(TIE_CONVENTIONS as [TieConvention, ...TieConvention[]]);
const roundsSchema = z.coerce.number().int().min(1).max(MAX_BOOTSTRAP_ROUNDS);

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Read a dashboard view from URL search parameters. Invalid values fall back to their default
 * and are described in `issues`, which the page shows and the export routes reject with.
 */
export function parseDashboardView(params: SearchParamsInput): { view: DashboardView; issues: string[] } {
  const { filter, issues } = parseStudyStatsFilter(params);

  const rawConvention = readParam(params, VIEW_PARAMS.convention);
  const convention = conventionSchema.safeParse(rawConvention || DEFAULT_CONVENTION);
  if (!convention.success) {
    issues.push(`Invalid ${VIEW_PARAMS.convention}=${JSON.stringify(rawConvention)}: use ${TIE_CONVENTIONS.slice(0, -1).join(", ")} or ${TIE_CONVENTIONS.at(-1)}.`);
  }

  const rawRounds = readParam(params, VIEW_PARAMS.rounds);
  const rounds = roundsSchema.safeParse(rawRounds || DEFAULT_BOOTSTRAP_ROUNDS);
  if (!rounds.success) {
    issues.push(`Invalid ${VIEW_PARAMS.rounds}=${JSON.stringify(rawRounds)}: use a whole number of bootstrap rounds from 1 to ${MAX_BOOTSTRAP_ROUNDS}.`);
  }

  return {
    view: {
      filter,
      convention: convention.success ? convention.data : DEFAULT_CONVENTION,
      rounds: rounds.success ? rounds.data : DEFAULT_BOOTSTRAP_ROUNDS,
    },
    issues,
  };
}

/** Write a view as URL search parameters, leaving out values at their default. */
export function toDashboardSearchParams(view: DashboardView): URLSearchParams {
  const params = toStudyStatsSearchParams(view.filter);
  if (view.convention !== DEFAULT_CONVENTION) {
    params.set(VIEW_PARAMS.convention, view.convention);
  }
  if (view.rounds !== DEFAULT_BOOTSTRAP_ROUNDS) {
    params.set(VIEW_PARAMS.rounds, String(view.rounds));
  }
  return params;
}

function readParam(params: SearchParamsInput, name: string): string | undefined {
  if (params instanceof URLSearchParams) {
    return params.get(name) ?? undefined;
  }
  return [params[name]].flat()[0];
}
