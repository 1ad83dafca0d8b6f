import type { Actor } from "@/lib/auth/assert-role";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyBias } from "@/lib/stats/study-stats-types";

/** Compute position bias per crowdworker and judge, and win rate against response-length difference. */
export async function getStudyBias(options: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  convention?: TieConvention;
  lengthBinEdges?: readonly number[];
}): Promise<StudyBias> {
  throw new Error(`getStudyBias is not implemented yet (study ${options.studyId}).`);
}
