-- CreateEnum
CREATE TYPE "JudgeRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETE', 'INCOMPLETE', 'BUDGET_EXCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "JudgeCallStatus" AS ENUM ('SUCCEEDED', 'FAILED', 'UNPARSEABLE');

-- CreateEnum
CREATE TYPE "JudgeAnswer" AS ENUM ('OUTPUT_A', 'TIE', 'OUTPUT_B');

-- AlterTable
ALTER TABLE "JudgeVersion" ADD COLUMN     "concurrency" INTEGER NOT NULL DEFAULT 8,
ADD COLUMN     "inputPricePerMillion" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "maxAttempts" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "outputPricePerMillion" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "requestsPerMinute" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "structuredOutput" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "timeoutSeconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "tokensPerMinute" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "JudgeRun" (
    "id" TEXT NOT NULL,
    "judgeVersionId" TEXT NOT NULL,
    "studyId" TEXT,
    "labelingSetId" TEXT,
    "criterionSideId" TEXT,
    "status" "JudgeRunStatus" NOT NULL DEFAULT 'QUEUED',
    "budgetUsd" DOUBLE PRECISION,
    "activeKey" TEXT,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "callsPlanned" INTEGER NOT NULL DEFAULT 0,
    "callsCached" INTEGER NOT NULL DEFAULT 0,
    "estimatedTokens" INTEGER NOT NULL DEFAULT 0,
    "estimatedCostUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JudgeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JudgeCall" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "cacheKey" TEXT NOT NULL,
    "studyItemId" TEXT,
    "labelingPairId" TEXT,
    "criterionSideId" TEXT NOT NULL,
    "swapped" BOOLEAN NOT NULL,
    "status" "JudgeCallStatus" NOT NULL,
    "answer" "JudgeAnswer",
    "rawOutput" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JudgeCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "JudgeRun_activeKey_key" ON "JudgeRun"("activeKey");

-- CreateIndex
CREATE INDEX "JudgeRun_studyId_idx" ON "JudgeRun"("studyId");

-- CreateIndex
CREATE INDEX "JudgeRun_labelingSetId_idx" ON "JudgeRun"("labelingSetId");

-- CreateIndex
CREATE INDEX "JudgeCall_cacheKey_status_idx" ON "JudgeCall"("cacheKey", "status");

-- CreateIndex
CREATE UNIQUE INDEX "JudgeCall_runId_cacheKey_key" ON "JudgeCall"("runId", "cacheKey");

-- AddForeignKey
ALTER TABLE "JudgeRun" ADD CONSTRAINT "JudgeRun_judgeVersionId_fkey" FOREIGN KEY ("judgeVersionId") REFERENCES "JudgeVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JudgeCall" ADD CONSTRAINT "JudgeCall_runId_fkey" FOREIGN KEY ("runId") REFERENCES "JudgeRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

