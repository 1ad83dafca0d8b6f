-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "candidateSystemId" TEXT,
ADD COLUMN     "combinationId" TEXT,
ADD COLUMN     "lengthDifference" INTEGER,
ADD COLUMN     "promptId" TEXT,
ADD COLUMN     "studyId" TEXT,
ADD COLUMN     "studyItemKind" "StudyItemKind";

-- CreateIndex
CREATE INDEX "Judgment_studyId_studyItemKind_idx" ON "Judgment"("studyId", "studyItemKind");


-- Fill the statistics columns of a judgment from its item and the item's two responses. Runs
-- before every insert, so no writer (the Prisma client, ladle_submit_judgments, bulk loads)
-- needs to set them, and before an update that names "studyItemId", which the two refresh
-- triggers below use to recompute them.
CREATE FUNCTION ladle_fill_judgment_stats_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT si."studyId", si."kind", si."promptId", si."combinationId", candidate."systemId",
    length(candidate."text") - length(baseline."text")
  INTO NEW."studyId", NEW."studyItemKind", NEW."promptId", NEW."combinationId", NEW."candidateSystemId",
    NEW."lengthDifference"
  FROM "StudyItem" si
  JOIN "Response" candidate ON candidate."id" = si."candidateResponseId"
  JOIN "Response" baseline ON baseline."id" = si."baselineResponseId"
  WHERE si."id" = NEW."studyItemId";
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Judgment_fill_stats_columns"
BEFORE INSERT OR UPDATE OF "studyItemId" ON "Judgment"
FOR EACH ROW EXECUTE FUNCTION ladle_fill_judgment_stats_columns();

-- Recompute the copies when an item changes after it was judged, as when a researcher marks a
-- regular item as gold.
CREATE FUNCTION ladle_refresh_item_judgments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Judgment" SET "studyItemId" = "studyItemId" WHERE "studyItemId" = NEW."id";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "StudyItem_refresh_judgments"
AFTER UPDATE OF "studyId", "kind", "promptId", "combinationId", "candidateResponseId", "baselineResponseId" ON "StudyItem"
FOR EACH ROW
WHEN (OLD."studyId" IS DISTINCT FROM NEW."studyId" OR OLD."kind" IS DISTINCT FROM NEW."kind"
  OR OLD."promptId" IS DISTINCT FROM NEW."promptId" OR OLD."combinationId" IS DISTINCT FROM NEW."combinationId"
  OR OLD."candidateResponseId" IS DISTINCT FROM NEW."candidateResponseId"
  OR OLD."baselineResponseId" IS DISTINCT FROM NEW."baselineResponseId")
EXECUTE FUNCTION ladle_refresh_item_judgments();

-- Recompute the copies of the judgments on every item that shows a response whose system or
-- text changed.
CREATE FUNCTION ladle_refresh_response_judgments() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Judgment" SET "studyItemId" = "studyItemId"
  WHERE "studyItemId" IN (
    SELECT si."id" FROM "StudyItem" si
    WHERE si."candidateResponseId" = NEW."id" OR si."baselineResponseId" = NEW."id"
  );
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Response_refresh_judgments"
AFTER UPDATE OF "systemId", "text" ON "Response"
FOR EACH ROW
WHEN (OLD."systemId" IS DISTINCT FROM NEW."systemId" OR length(OLD."text") IS DISTINCT FROM length(NEW."text"))
EXECUTE FUNCTION ladle_refresh_response_judgments();

-- Backfill the judgments stored before this migration.
UPDATE "Judgment" j
SET "studyId" = si."studyId", "studyItemKind" = si."kind", "promptId" = si."promptId",
  "combinationId" = si."combinationId", "candidateSystemId" = candidate."systemId",
  "lengthDifference" = length(candidate."text") - length(baseline."text")
FROM "StudyItem" si
JOIN "Response" candidate ON candidate."id" = si."candidateResponseId"
JOIN "Response" baseline ON baseline."id" = si."baselineResponseId"
WHERE si."id" = j."studyItemId";
