-- CreateEnum
CREATE TYPE "JudgeVerdictMode" AS ENUM ('BINARY', 'THREE_WAY');

-- CreateEnum
CREATE TYPE "JudgeOrderMode" AS ENUM ('ONE_ORDER', 'BOTH_ORDERS');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETE', 'FAILED');

-- CreateEnum
CREATE TYPE "LabelingSetFormat" AS ENUM ('ROLLOUT', 'PAIRS');

-- CreateEnum
CREATE TYPE "LabelingOutcome" AS ENUM ('FIRST', 'TIE', 'SECOND', 'INCONSISTENT');

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "judgeVersionId" TEXT;

-- CreateTable
CREATE TABLE "Judge" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Judge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeVersion" (
    "id" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "apiKeyEnv" TEXT NOT NULL,
    "temperature" DOUBLE PRECISION NOT NULL,
    "maxTokens" INTEGER NOT NULL,
    "verdictMode" "JudgeVerdictMode" NOT NULL,
    "orderMode" "JudgeOrderMode" NOT NULL,
    "templates" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingSet" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceFileName" TEXT NOT NULL,
    "format" "LabelingSetFormat" NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingPair" (
    "id" TEXT NOT NULL,
    "labelingSetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "instruction" TEXT NOT NULL,
    "input" TEXT NOT NULL DEFAULT '',
    "preferencePrompt" TEXT NOT NULL DEFAULT '',
    "sideId" TEXT,
    "output1" TEXT NOT NULL,
    "output2" TEXT NOT NULL,

    CONSTRAINT "LabelingPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelingVerdict" (
    "id" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "judgeVersionId" TEXT NOT NULL,
    "outcome" "LabelingOutcome" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelingVerdict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataExport" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "studyId" TEXT,
    "labelingSetId" TEXT,
    "parameters" JSONB NOT NULL,
    "status" "ExportStatus" NOT NULL DEFAULT 'QUEUED',
    "rowsWritten" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "filePath" TEXT,
    "sha256" TEXT,
    "error" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DataExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Judge_name_key" ON "Judge"("name");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeVersion_judgeId_version_key" ON "JudgeVersion"("judgeId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingSet_name_key" ON "LabelingSet"("name");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingPair_labelingSetId_position_key" ON "LabelingPair"("labelingSetId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "LabelingVerdict_pairId_judgeVersionId_key" ON "LabelingVerdict"("pairId", "judgeVersionId");

-- CreateIndex
CREATE INDEX "DataExport_studyId_idx" ON "DataExport"("studyId");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_judgeVersionId_studyItemId_criterionSideId_shownFi_key" ON "Judgment"("judgeVersionId", "studyItemId", "criterionSideId", "shownFirst");

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_judgeVersionId_fkey" FOREIGN KEY ("judgeVersionId") REFERENCES "JudgeVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judge" ADD CONSTRAINT "Judge_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeVersion" ADD CONSTRAINT "JudgeVersion_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "Judge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingSet" ADD CONSTRAINT "LabelingSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingPair" ADD CONSTRAINT "LabelingPair_labelingSetId_fkey" FOREIGN KEY ("labelingSetId") REFERENCES "LabelingSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingPair" ADD CONSTRAINT "LabelingPair_sideId_fkey" FOREIGN KEY ("sideId") REFERENCES "Side"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingVerdict" ADD CONSTRAINT "LabelingVerdict_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "LabelingPair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelingVerdict" ADD CONSTRAINT "LabelingVerdict_judgeVersionId_fkey" FOREIGN KEY ("judgeVersionId") REFERENCES "JudgeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataExport" ADD CONSTRAINT "DataExport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

