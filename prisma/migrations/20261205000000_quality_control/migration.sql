-- CreateEnum
CREATE TYPE "StudyItemKind" AS ENUM ('REGULAR', 'GOLD', 'ATTENTION');

-- CreateEnum
CREATE TYPE "ReturnReason" AS ENUM ('COMPREHENSION_FAILED', 'QUALITY_BLOCKED');

-- DropIndex
DROP INDEX "StudyItem_studyId_promptId_combinationId_candidateResponseI_key";

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "checkPassed" BOOLEAN,
ADD COLUMN     "tooFast" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Study" ADD COLUMN     "attentionCheckEvery" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "comprehensionCheck" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "goldItemsPerWorker" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "minSecondsPerItem" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "qualityBlockThreshold" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "qualityWarnThreshold" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "StudyItem" ADD COLUMN     "attentionCheckKey" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "kind" "StudyItemKind" NOT NULL DEFAULT 'REGULAR',
ADD COLUMN     "shownBaselineText" TEXT,
ADD COLUMN     "shownCandidateText" TEXT,
ADD COLUMN     "shownPrompt" TEXT;

-- AlterTable
ALTER TABLE "StudyParticipation" ADD COLUMN     "comprehensionAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "comprehensionPassedAt" TIMESTAMP(3),
ADD COLUMN     "returnReason" "ReturnReason",
ADD COLUMN     "returnRequestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ExpectedVerdict" (
    "studyItemId" TEXT NOT NULL,
    "criterionSideId" TEXT NOT NULL,
    "verdict" "Verdict" NOT NULL,

    CONSTRAINT "ExpectedVerdict_pkey" PRIMARY KEY ("studyItemId","criterionSideId")
);

-- CreateTable
CREATE TABLE "CrowdworkerExclusion" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "excludedById" TEXT NOT NULL,
    "excludedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedById" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CrowdworkerExclusion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CrowdworkerExclusion_studyId_userId_idx" ON "CrowdworkerExclusion"("studyId", "userId");

-- CreateIndex
CREATE INDEX "StudyItem_studyId_kind_idx" ON "StudyItem"("studyId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "StudyItem_studyId_promptId_combinationId_candidateResponseI_key" ON "StudyItem"("studyId", "promptId", "combinationId", "candidateResponseId", "attentionCheckKey");

-- AddForeignKey
ALTER TABLE "ExpectedVerdict" ADD CONSTRAINT "ExpectedVerdict_studyItemId_fkey" FOREIGN KEY ("studyItemId") REFERENCES "StudyItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpectedVerdict" ADD CONSTRAINT "ExpectedVerdict_criterionSideId_fkey" FOREIGN KEY ("criterionSideId") REFERENCES "Side"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrowdworkerExclusion" ADD CONSTRAINT "CrowdworkerExclusion_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "Study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrowdworkerExclusion" ADD CONSTRAINT "CrowdworkerExclusion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrowdworkerExclusion" ADD CONSTRAINT "CrowdworkerExclusion_excludedById_fkey" FOREIGN KEY ("excludedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrowdworkerExclusion" ADD CONSTRAINT "CrowdworkerExclusion_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

