import { z } from "zod";

import { TIE_CONVENTIONS, type TieConvention } from "@/lib/stats/compute-win-rates";
import { parseStudyStatsFilter, toStudyStatsSearchParams, type StudyStatsFilter } from "@/lib/stats/study-stats-filter";

/**
 * What a dashboard shows: the statistics filter and the tie convention of its win rates. Both
 * live in the URL, so a link reproduces the view; client components may import this module.
 */
export type DashboardView = { filter: StudyStatsFilter; convention: TieConvention };

/** URL search parameter of the tie convention; the filter's parameters come from study-stats-filter. */
export const TIES_PARAM = "ties";

const DEFAULT_CONVENTION: TieConvention = "tiesAsHalf";

const conventionSchema = z.enum(TIE_CONVENTIONS as [TieConvention, ...TieConvention[]]);

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Read a dashboard view from URL search parameters. Invalid values fall back to their default
 * and are described in `issues`, which the page shows and the export routes reject with.
 */
export function parseDashboardView(params: SearchParamsInput): { view: DashboardView; issues: string[] } {
  const { filter, issues } = parseStudyStatsFilter(params);

  const rawTies = params instanceof URLSearchParams ? params.get(TIES_PARAM) : [params[TIES_PARAM]].flat()[0];
  const ties = conventionSchema.safeParse(rawTies || DEFAULT_CONVENTION);
  if (!ties.success) {
    issues.push(`Ignored ${TIES_PARAM}=${JSON.stringify(rawTies)}: use ${TIE_CONVENTIONS.join(", ")}.`);
  }

  return { view: { filter, convention: ties.success ? ties.data : DEFAULT_CONVENTION }, issues };
}

/** Write a view as URL search parameters, leaving out values at their default. */
export function toDashboardSearchParams(view: DashboardView): URLSearchParams {
  const params = toStudyStatsSearchParams(view.filter);
  if (view.convention !== DEFAULT_CONVENTION) {
    params.set(TIES_PARAM, view.convention);
  }
  return params;
}
