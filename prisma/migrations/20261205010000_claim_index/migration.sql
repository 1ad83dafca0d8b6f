-- CreateIndex
CREATE INDEX "StudyItem_studyId_combinationId_completedCount_idx" ON "StudyItem"("studyId", "combinationId", "completedCount");

