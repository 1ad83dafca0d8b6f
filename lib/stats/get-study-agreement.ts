import type { Actor } from "@/lib/auth/assert-role";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";
import type { StudyAgreement } from "@/lib/stats/study-stats-types";

/** Compute agreement per criterion between crowdworkers and between each simulated judge and the human majority. */
export async function getStudyAgreement(options: {
  actor: Actor | null | undefined;
  studyId: string;
  filter?: StudyStatsFilter;
}): Promise<StudyAgreement> {
  throw new Error(`getStudyAgreement is not implemented yet (study ${options.studyId}).`);
}
