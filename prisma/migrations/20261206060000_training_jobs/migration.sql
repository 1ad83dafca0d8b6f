-- CreateEnum
CREATE TYPE "TrainingJobKind" AS ENUM ('REWARD_MODEL', 'POLICY', 'MERGE');

-- CreateEnum
CREATE TYPE "TrainingBackendKind" AS ENUM ('COMMAND', 'WEBHOOK', 'RAY');

-- CreateEnum
CREATE TYPE "TrainingJobStatus" AS ENUM ('QUEUED', 'SUBMITTED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLING', 'CANCELLED');

-- CreateTable
CREATE TABLE "TrainingBackend" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TrainingBackendKind" NOT NULL,
    "settings" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingBackend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingJob" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TrainingJobKind" NOT NULL,
    "backendId" TEXT NOT NULL,
    "status" "TrainingJobStatus" NOT NULL DEFAULT 'QUEUED',
    "spec" JSONB NOT NULL,
    "datasetExportId" TEXT,
    "sideId" TEXT,
    "combinationId" TEXT,
    "systemName" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "externalId" TEXT,
    "processId" INTEGER,
    "processHost" TEXT,
    "exitCode" INTEGER,
    "logs" TEXT NOT NULL DEFAULT '',
    "logPath" TEXT,
    "outputUri" TEXT,
    "error" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),

    CONSTRAINT "TrainingJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemArtifact" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "trainingJobId" TEXT NOT NULL,
    "kind" "TrainingJobKind" NOT NULL,
    "uri" TEXT NOT NULL,
    "baseModel" TEXT NOT NULL,
    "sideId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SystemArtifact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBackend_name_key" ON "TrainingBackend"("name");

-- CreateIndex
CREATE INDEX "TrainingJob_status_idx" ON "TrainingJob"("status");

-- CreateIndex
CREATE INDEX "TrainingJob_createdAt_idx" ON "TrainingJob"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SystemArtifact_trainingJobId_key" ON "SystemArtifact"("trainingJobId");

-- CreateIndex
CREATE INDEX "SystemArtifact_systemId_idx" ON "SystemArtifact"("systemId");

-- AddForeignKey
ALTER TABLE "TrainingBackend" ADD CONSTRAINT "TrainingBackend_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_backendId_fkey" FOREIGN KEY ("backendId") REFERENCES "TrainingBackend"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_datasetExportId_fkey" FOREIGN KEY ("datasetExportId") REFERENCES "DataExport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_sideId_fkey" FOREIGN KEY ("sideId") REFERENCES "Side"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_combinationId_fkey" FOREIGN KEY ("combinationId") REFERENCES "Combination"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingJob" ADD CONSTRAINT "TrainingJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemArtifact" ADD CONSTRAINT "SystemArtifact_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemArtifact" ADD CONSTRAINT "SystemArtifact_trainingJobId_fkey" FOREIGN KEY ("trainingJobId") REFERENCES "TrainingJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemArtifact" ADD CONSTRAINT "SystemArtifact_sideId_fkey" FOREIGN KEY ("sideId") REFERENCES "Side"("id") ON DELETE SET NULL ON UPDATE CASCADE;

