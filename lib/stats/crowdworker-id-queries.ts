import { Prisma } from "@/lib/generated/prisma/client";

/** Build a subquery of the ids of the study's crowdworkers who arrived from Prolific with a STUDY_ID. */
export function selectProlificCrowdworkerIds(studyId: string): Prisma.Sql {
  return Prisma.sql`SELECT sp."userId" FROM "StudyParticipation" sp WHERE sp."studyId" = ${studyId} AND sp."prolificStudyId" IS NOT NULL`;
}

/** Build a subquery of the ids of the crowdworkers currently excluded from the study's results. */
export function selectExcludedCrowdworkerIds(studyId: string): Prisma.Sql {
  return Prisma.sql`SELECT ce."userId" FROM "CrowdworkerExclusion" ce WHERE ce."studyId" = ${studyId} AND ce."revokedAt" IS NULL`;
}
