import type { Actor } from "@/lib/auth/assert-role";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyRatings } from "@/lib/stats/study-stats-types";

/** Rate all systems of a study by Bradley-Terry with bootstrap intervals, with the pairwise win matrix. */
export async function getStudyRatings(options: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
  rounds?: number;
  seed?: number;
  confidence?: number;
  minComparisons?: number;
}): Promise<StudyRatings> {
  throw new Error(`getStudyRatings is not implemented yet (study ${options.studyId}).`);
}
