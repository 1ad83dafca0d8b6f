import type { Actor } from "@/lib/auth/assert-role";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyWinRateTable } from "@/lib/stats/study-stats-types";

/**
 * Compute a study's win-rate table for each judge kind the filter includes: every cell with
 * its n and Wilson interval, and bootstrap intervals for combination means and the overall mean.
 */
export async function getStudyWinRateTable(options: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  convention?: TieConvention;
  rounds?: number;
  seed?: number;
  confidence?: number;
}): Promise<StudyWinRateTable> {
  throw new Error(`getStudyWinRateTable is not implemented yet (study ${options.studyId}).`);
}
