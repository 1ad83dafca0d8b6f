-- AlterTable
ALTER TABLE "Combination" ADD COLUMN     "statsKey" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "Prompt" ADD COLUMN     "statsKey" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "Side" ADD COLUMN     "statsKey" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "System" ADD COLUMN     "statsKey" SERIAL NOT NULL;

-- CreateTable
CREATE TABLE "JudgmentVerdictCount" (
    "studyItemId" TEXT NOT NULL,
    "criterionSideId" TEXT NOT NULL,
    "judgeType" "JudgeType" NOT NULL,
    "judgeVersionId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "studyItemKind" "StudyItemKind" NOT NULL,
    "promptStatsKey" INTEGER NOT NULL,
    "candidateStatsKey" INTEGER NOT NULL,
    "combinationStatsKey" INTEGER NOT NULL,
    "sideStatsKey" INTEGER NOT NULL,
    "wins" INTEGER NOT NULL,
    "ties" INTEGER NOT NULL,
    "losses" INTEGER NOT NULL,

    CONSTRAINT "JudgmentVerdictCount_pkey" PRIMARY KEY ("studyItemId","criterionSideId","judgeType","judgeVersionId")
);

-- CreateIndex
CREATE INDEX "JudgmentVerdictCount_studyId_studyItemKind_idx" ON "JudgmentVerdictCount"("studyId", "studyItemKind");

-- CreateIndex
CREATE UNIQUE INDEX "Combination_statsKey_key" ON "Combination"("statsKey");

-- CreateIndex
CREATE INDEX "Judgment_userId_studyId_idx" ON "Judgment"("userId", "studyId");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_statsKey_key" ON "Prompt"("statsKey");

-- CreateIndex
CREATE UNIQUE INDEX "Side_statsKey_key" ON "Side"("statsKey");

-- CreateIndex
CREATE UNIQUE INDEX "System_statsKey_key" ON "System"("statsKey");

-- AddForeignKey
ALTER TABLE "JudgmentVerdictCount" ADD CONSTRAINT "JudgmentVerdictCount_studyItemId_fkey" FOREIGN KEY ("studyItemId") REFERENCES "StudyItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Keep "JudgmentVerdictCount" in step with "Judgment". One statement-level function serves
-- insert, update and delete: it subtracts the verdicts of the old rows, adds those of the new
-- rows in one grouped upsert, and removes counts that fell to zero. A statement touches only
-- the count rows of the items it judged, in key order. ladle_submit_judgments inserts one
-- item's judgments and already holds that item's "StudyItem" row locked, so submissions wait
-- for no lock they did not wait for before. Transition tables rule out a column list, so every
-- update of "Judgment" runs it, including the copy refreshes of the triggers on "StudyItem" and
-- "Response".
CREATE FUNCTION ladle_count_judgment_verdicts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "JudgmentVerdictCount" c
    SET "wins" = c."wins" - o."wins", "ties" = c."ties" - o."ties", "losses" = c."losses" - o."losses"
    FROM (
      SELECT "studyItemId", "criterionSideId", "judgeType", coalesce("judgeVersionId", '') AS "judgeVersionId",
        count(*) FILTER (WHERE "verdict" = 'CANDIDATE')::int AS "wins",
        count(*) FILTER (WHERE "verdict" = 'TIE')::int AS "ties",
        count(*) FILTER (WHERE "verdict" = 'BASELINE')::int AS "losses"
      FROM old_judgments
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4
    ) o
    WHERE c."studyItemId" = o."studyItemId" AND c."criterionSideId" = o."criterionSideId"
      AND c."judgeType" = o."judgeType" AND c."judgeVersionId" = o."judgeVersionId";
  END IF;

  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "JudgmentVerdictCount" AS c ("studyItemId", "criterionSideId", "judgeType", "judgeVersionId",
      "studyId", "studyItemKind", "promptStatsKey", "candidateStatsKey", "combinationStatsKey", "sideStatsKey",
      "wins", "ties", "losses")
    SELECT j."studyItemId", j."criterionSideId", j."judgeType", coalesce(j."judgeVersionId", ''),
      j."studyId", j."studyItemKind", prompt."statsKey", candidate."statsKey", combination."statsKey", side."statsKey",
      count(*) FILTER (WHERE j."verdict" = 'CANDIDATE'),
      count(*) FILTER (WHERE j."verdict" = 'TIE'),
      count(*) FILTER (WHERE j."verdict" = 'BASELINE')
    FROM new_judgments j
    JOIN "Prompt" prompt ON prompt."id" = j."promptId"
    JOIN "System" candidate ON candidate."id" = j."candidateSystemId"
    JOIN "Combination" combination ON combination."id" = j."combinationId"
    JOIN "Side" side ON side."id" = j."criterionSideId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ("studyItemId", "criterionSideId", "judgeType", "judgeVersionId") DO UPDATE
    SET "wins" = c."wins" + EXCLUDED."wins", "ties" = c."ties" + EXCLUDED."ties", "losses" = c."losses" + EXCLUDED."losses",
      "studyId" = EXCLUDED."studyId", "studyItemKind" = EXCLUDED."studyItemKind",
      "promptStatsKey" = EXCLUDED."promptStatsKey", "candidateStatsKey" = EXCLUDED."candidateStatsKey",
      "combinationStatsKey" = EXCLUDED."combinationStatsKey";
  END IF;

  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM "JudgmentVerdictCount" c
    USING (SELECT DISTINCT "studyItemId", "criterionSideId", "judgeType", coalesce("judgeVersionId", '') AS "judgeVersionId" FROM old_judgments) o
    WHERE c."studyItemId" = o."studyItemId" AND c."criterionSideId" = o."criterionSideId"
      AND c."judgeType" = o."judgeType" AND c."judgeVersionId" = o."judgeVersionId"
      AND c."wins" = 0 AND c."ties" = 0 AND c."losses" = 0;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Judgment_count_inserted_verdicts"
AFTER INSERT ON "Judgment"
REFERENCING NEW TABLE AS new_judgments
FOR EACH STATEMENT EXECUTE FUNCTION ladle_count_judgment_verdicts();

CREATE TRIGGER "Judgment_count_updated_verdicts"
AFTER UPDATE ON "Judgment"
REFERENCING OLD TABLE AS old_judgments NEW TABLE AS new_judgments
FOR EACH STATEMENT EXECUTE FUNCTION ladle_count_judgment_verdicts();

CREATE TRIGGER "Judgment_count_deleted_verdicts"
AFTER DELETE ON "Judgment"
REFERENCING OLD TABLE AS old_judgments
FOR EACH STATEMENT EXECUTE FUNCTION ladle_count_judgment_verdicts();

-- Count the judgments stored before this migration.
INSERT INTO "JudgmentVerdictCount" ("studyItemId", "criterionSideId", "judgeType", "judgeVersionId",
  "studyId", "studyItemKind", "promptStatsKey", "candidateStatsKey", "combinationStatsKey", "sideStatsKey",
  "wins", "ties", "losses")
SELECT j."studyItemId", j."criterionSideId", j."judgeType", coalesce(j."judgeVersionId", ''),
  j."studyId", j."studyItemKind", prompt."statsKey", candidate."statsKey", combination."statsKey", side."statsKey",
  count(*) FILTER (WHERE j."verdict" = 'CANDIDATE'),
  count(*) FILTER (WHERE j."verdict" = 'TIE'),
  count(*) FILTER (WHERE j."verdict" = 'BASELINE')
FROM "Judgment" j
JOIN "Prompt" prompt ON prompt."id" = j."promptId"
JOIN "System" candidate ON candidate."id" = j."candidateSystemId"
JOIN "Combination" combination ON combination."id" = j."combinationId"
JOIN "Side" side ON side."id" = j."criterionSideId"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
