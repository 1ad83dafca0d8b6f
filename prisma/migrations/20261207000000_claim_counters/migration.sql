-- AlterTable
ALTER TABLE "StudyCombination" ADD COLUMN     "completedCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Assignment_participationId_status_idx" ON "Assignment"("participationId", "status");


-- Fill the new counter from the items, then keep it with a trigger on StudyItem, so that tests
-- and scripts that set completedCount directly keep it right too.
UPDATE "StudyCombination" sc SET "completedCount" = totals.judged
FROM (
  SELECT "studyId", "combinationId", sum("completedCount")::INTEGER AS judged
  FROM "StudyItem"
  WHERE kind = 'REGULAR'
  GROUP BY "studyId", "combinationId"
) totals
WHERE totals."studyId" = sc."studyId" AND totals."combinationId" = sc."combinationId";

CREATE FUNCTION ladle_count_combination_judgments() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.kind = NEW.kind AND OLD."studyId" = NEW."studyId" AND OLD."combinationId" = NEW."combinationId" THEN
    IF NEW.kind = 'REGULAR' AND NEW."completedCount" <> OLD."completedCount" THEN
      UPDATE "StudyCombination" SET "completedCount" = "completedCount" + NEW."completedCount" - OLD."completedCount"
      WHERE "studyId" = NEW."studyId" AND "combinationId" = NEW."combinationId";
    END IF;
    RETURN NULL;
  END IF;

  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind = 'REGULAR' AND OLD."completedCount" <> 0 THEN
    UPDATE "StudyCombination" SET "completedCount" = "completedCount" - OLD."completedCount"
    WHERE "studyId" = OLD."studyId" AND "combinationId" = OLD."combinationId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.kind = 'REGULAR' AND NEW."completedCount" <> 0 THEN
    UPDATE "StudyCombination" SET "completedCount" = "completedCount" + NEW."completedCount"
    WHERE "studyId" = NEW."studyId" AND "combinationId" = NEW."combinationId";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "StudyItem_count_combination_judgments"
AFTER INSERT OR DELETE OR UPDATE OF "completedCount", kind, "studyId", "combinationId" ON "StudyItem"
FOR EACH ROW EXECUTE FUNCTION ladle_count_combination_judgments();

-- As in 20261206000000_claim_submit_functions, except that combinations are ordered by the
-- counter on StudyCombination instead of a sum over every item of the study, which each claim and
-- each submission paid for.
CREATE OR REPLACE FUNCTION ladle_select_claimable_item(
  p_study_id TEXT, p_user_id TEXT, p_judgments_per_item INTEGER, p_now TIMESTAMP(3), p_lock TEXT, p_seen_pairs TEXT[]
) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_combination_id TEXT;
  v_item_id TEXT;
BEGIN
  FOR v_combination_id IN
    WITH leased AS (
      SELECT item."combinationId", count(*) AS active
      FROM "Assignment" a
      JOIN "StudyItem" item ON item.id = a."studyItemId"
      WHERE item."studyId" = p_study_id AND item.kind = 'REGULAR' AND a.status = 'ASSIGNED' AND a."expiresAt" > p_now
      GROUP BY item."combinationId"
    )
    SELECT sc."combinationId"
    FROM "StudyCombination" sc
    LEFT JOIN leased ON leased."combinationId" = sc."combinationId"
    WHERE sc."studyId" = p_study_id
    ORDER BY sc."completedCount" + COALESCE(leased.active, 0), random()
  LOOP
    IF p_lock = 'skip' THEN
      SELECT item.id INTO v_item_id
      FROM "StudyItem" item
      JOIN ladle_claimable_candidates(p_study_id, v_combination_id, p_user_id, p_judgments_per_item, p_now, 32, p_seen_pairs) c ON c.id = item.id
      ORDER BY c.load, random()
      LIMIT 1
      FOR UPDATE OF item SKIP LOCKED;
    ELSIF p_lock = 'wait' THEN
      SELECT item.id INTO v_item_id
      FROM "StudyItem" item
      JOIN ladle_claimable_candidates(p_study_id, v_combination_id, p_user_id, p_judgments_per_item, p_now, 32, p_seen_pairs) c ON c.id = item.id
      ORDER BY c.load, random()
      LIMIT 1
      FOR UPDATE OF item;
    ELSE
      SELECT c.id INTO v_item_id
      FROM ladle_claimable_candidates(p_study_id, v_combination_id, p_user_id, p_judgments_per_item, p_now, 32, p_seen_pairs) c
      ORDER BY c.load, random()
      LIMIT 1;
    END IF;

    IF v_item_id IS NOT NULL THEN
      RETURN v_item_id;
    END IF;
  END LOOP;

  RETURN NULL;
END;
$$;

-- Whether a user may judge: a crowdworker whose account is not disabled. The claim and submit
-- functions check it, so the judging routes need not read the user row in a round trip of its
-- own, and a disabled account is refused in the same transaction that would lease or store.
CREATE FUNCTION ladle_is_active_crowdworker(p_user_id TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "User" WHERE id = p_user_id AND role = 'CROWDWORKER' AND "disabledAt" IS NULL)
$$;

-- As in 20261206000000_claim_submit_functions, except that the user must be an active crowdworker.
CREATE OR REPLACE FUNCTION ladle_claim_next_item(
  p_study_id TEXT, p_user_id TEXT, p_order_seed INTEGER, p_shown_first "ComparedSystem", p_attention_texts TEXT[]
) RETURNS JSONB
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_study "Study";
  v_participation "StudyParticipation";
  v_assignment "Assignment";
  v_regular_submitted INTEGER;
  v_item_id TEXT;
  v_load BIGINT;
  v_now TIMESTAMP(3);
  v_seen_pairs TEXT[];
BEGIN
  IF NOT ladle_is_active_crowdworker(p_user_id) THEN
    RETURN jsonb_build_object('outcome', 'not_crowdworker');
  END IF;

  SELECT * INTO v_study FROM "Study" WHERE id = p_study_id;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'study_not_found');
  END IF;
  IF v_study.status <> 'OPEN' THEN
    RETURN jsonb_build_object('outcome', 'study_not_open');
  END IF;

  SELECT * INTO v_participation FROM "StudyParticipation"
  WHERE "studyId" = p_study_id AND "userId" = p_user_id
  FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'not_entered');
  END IF;
  IF v_participation."returnReason" IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'return_requested', 'reason', v_participation."returnReason");
  END IF;
  IF v_study."comprehensionCheck" AND v_participation."comprehensionPassedAt" IS NULL THEN
    RETURN jsonb_build_object('outcome', 'comprehension_required');
  END IF;

  v_now := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
  SELECT * INTO v_assignment FROM "Assignment"
  WHERE "participationId" = v_participation.id AND status = 'ASSIGNED' AND "expiresAt" > v_now
  ORDER BY "assignedAt"
  LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('outcome', 'assigned', 'assignment', to_jsonb(v_assignment));
  END IF;

  SELECT count(*) INTO v_regular_submitted
  FROM "Assignment" a JOIN "StudyItem" item ON item.id = a."studyItemId"
  WHERE a."participationId" = v_participation.id AND a.status = 'SUBMITTED' AND item.kind = 'REGULAR';
  IF v_regular_submitted >= v_study."itemsPerWorker" THEN
    RETURN jsonb_build_object('outcome', 'none');
  END IF;

  v_item_id := ladle_prepare_due_check(v_study, v_participation.id, p_user_id, v_regular_submitted, p_attention_texts);

  IF v_item_id IS NULL THEN
    -- The same prompt and candidate system under another combination is served again only when
    -- nothing else is open to the crowdworker.
    SELECT coalesce(array_agg(DISTINCT seen."promptId" || '|' || response."systemId"), '{}') INTO v_seen_pairs
    FROM "Assignment" mine
    JOIN "StudyItem" seen ON seen.id = mine."studyItemId"
    JOIN "Response" response ON response.id = seen."candidateResponseId"
    WHERE mine."participationId" = v_participation.id AND seen.kind = 'REGULAR';

    FOR tried IN 1..25 LOOP
      v_item_id := coalesce(
        ladle_select_claimable_item(p_study_id, p_user_id, v_study."judgmentsPerItem", v_now, 'skip', v_seen_pairs),
        ladle_select_claimable_item(p_study_id, p_user_id, v_study."judgmentsPerItem", v_now, 'wait', v_seen_pairs)
      );
      IF v_item_id IS NULL AND cardinality(v_seen_pairs) > 0 THEN
        v_item_id := coalesce(
          ladle_select_claimable_item(p_study_id, p_user_id, v_study."judgmentsPerItem", v_now, 'skip', '{}'),
          ladle_select_claimable_item(p_study_id, p_user_id, v_study."judgmentsPerItem", v_now, 'wait', '{}')
        );
      END IF;
      IF v_item_id IS NULL THEN
        RETURN jsonb_build_object('outcome', 'none');
      END IF;

      -- The item is locked now, so this statement's snapshot includes every lease committed on
      -- it, and no other claim or submission can change it until we commit.
      v_now := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
      SELECT item."completedCount" + (
        SELECT count(*) FROM "Assignment" a WHERE a."studyItemId" = item.id AND a.status = 'ASSIGNED' AND a."expiresAt" > v_now
      ) INTO v_load
      FROM "StudyItem" item WHERE item.id = v_item_id;
      EXIT WHEN v_load < v_study."judgmentsPerItem";
      v_item_id := NULL;
    END LOOP;

    IF v_item_id IS NULL THEN
      RETURN jsonb_build_object('outcome', 'all_full');
    END IF;

    UPDATE "Assignment" SET status = 'EXPIRED'
    WHERE "studyItemId" = v_item_id AND status = 'ASSIGNED' AND "expiresAt" <= v_now;
  END IF;

  INSERT INTO "Assignment" (
    id, "studyItemId", "participationId", "userId", status, "orderSeed", "shownFirst", "assignedAt", "expiresAt"
  ) VALUES (
    gen_random_uuid()::TEXT, v_item_id, v_participation.id, p_user_id, 'ASSIGNED', p_order_seed, p_shown_first,
    v_now, v_now + make_interval(mins => v_study."leaseMinutes")
  )
  RETURNING * INTO v_assignment;

  RETURN jsonb_build_object('outcome', 'assigned', 'assignment', to_jsonb(v_assignment));
END;
$$;

-- As in 20261206000000_claim_submit_functions, except that the item's completedCount is raised
-- last, after the result is worked out, that a repeat with the accepted request id but other
-- answers is rejected as a second submission instead of answered as a retry, and that the user
-- must be an active crowdworker.
CREATE OR REPLACE FUNCTION ladle_submit_judgments(
  p_assignment_id TEXT, p_user_id TEXT, p_request_id TEXT, p_side_ids TEXT[], p_verdicts "Verdict"[]
) RETURNS JSONB
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_assignment "Assignment";
  v_item "StudyItem";
  v_study "Study";
  v_participation "StudyParticipation";
  v_now TIMESTAMP(3);
  v_check_passed BOOLEAN;
  v_failed INTEGER;
  v_outcome JSONB;
BEGIN
  SELECT * INTO v_assignment FROM "Assignment" WHERE id = p_assignment_id;
  IF NOT FOUND OR v_assignment."userId" <> p_user_id THEN
    RETURN jsonb_build_object('outcome', 'forbidden');
  END IF;
  IF NOT ladle_is_active_crowdworker(p_user_id) THEN
    RETURN jsonb_build_object('outcome', 'not_crowdworker');
  END IF;

  SELECT * INTO v_participation FROM "StudyParticipation" WHERE id = v_assignment."participationId" FOR UPDATE;
  SELECT * INTO v_item FROM "StudyItem" WHERE id = v_assignment."studyItemId" FOR UPDATE;
  SELECT * INTO v_assignment FROM "Assignment" WHERE id = p_assignment_id FOR UPDATE;
  SELECT * INTO v_study FROM "Study" WHERE id = v_item."studyId";

  IF v_assignment.status = 'SUBMITTED' THEN
    -- A repeat must carry the accepted request id and the same answers. Two tabs of one browser
    -- share a draft and so its request id; the later tab's other answers are no repeat.
    IF v_assignment."requestId" IS DISTINCT FROM p_request_id OR EXISTS (
      SELECT 1
      FROM unnest(p_side_ids, p_verdicts) AS given(side_id, verdict)
      LEFT JOIN "Judgment" stored ON stored."assignmentId" = v_assignment.id AND stored."criterionSideId" = given.side_id
      WHERE stored.verdict IS DISTINCT FROM given.verdict
    ) THEN
      RETURN jsonb_build_object('outcome', 'already_submitted', 'acceptedRequestId', v_assignment."requestId");
    END IF;
    RETURN jsonb_build_object('outcome', 'stored', 'result', ladle_result_after_submission(v_study, v_participation));
  END IF;

  IF v_study.status <> 'OPEN' THEN
    RETURN jsonb_build_object('outcome', 'study_not_open');
  END IF;
  v_now := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
  IF v_assignment.status = 'RELEASED' AND v_participation."returnReason" = 'RETURNED_BY_PARTICIPANT' THEN
    RETURN jsonb_build_object('outcome', 'returned');
  END IF;
  IF v_assignment.status <> 'ASSIGNED' OR v_assignment."expiresAt" <= v_now THEN
    RETURN jsonb_build_object('outcome', 'expired', 'expiresAt', v_assignment."expiresAt");
  END IF;

  INSERT INTO "Judgment" (id, "studyItemId", "assignmentId", "judgeType", "userId", "criterionSideId", verdict, "shownFirst", "createdAt")
  SELECT gen_random_uuid()::TEXT, v_item.id, v_assignment.id, 'HUMAN', p_user_id, answer.side_id, answer.verdict, v_assignment."shownFirst", v_now
  FROM unnest(p_side_ids, p_verdicts) AS answer(side_id, verdict);

  IF v_item.kind <> 'REGULAR' THEN
    SELECT CASE WHEN count(*) = 0 THEN NULL ELSE coalesce(bool_and(given.verdict = expected.verdict), false) END
    INTO v_check_passed
    FROM "ExpectedVerdict" expected
    LEFT JOIN unnest(p_side_ids, p_verdicts) AS given(side_id, verdict) ON given.side_id = expected."criterionSideId"
    WHERE expected."studyItemId" = v_item.id;
  END IF;

  UPDATE "Assignment" SET
    status = 'SUBMITTED',
    "requestId" = p_request_id,
    "submittedAt" = v_now,
    "tooFast" = v_study."minSecondsPerItem" > 0 AND v_now - v_assignment."assignedAt" < make_interval(secs => v_study."minSecondsPerItem"),
    "checkPassed" = v_check_passed
  WHERE id = v_assignment.id;

  IF v_study."qualityBlockThreshold" > 0 AND v_participation."returnReason" IS NULL THEN
    SELECT count(*) INTO v_failed FROM "Assignment"
    WHERE "participationId" = v_participation.id AND status = 'SUBMITTED' AND ("checkPassed" = false OR "tooFast");
    IF v_failed >= v_study."qualityBlockThreshold" THEN
      UPDATE "StudyParticipation" SET "returnRequestedAt" = v_now, "returnReason" = 'QUALITY_BLOCKED'
      WHERE id = v_participation.id
      RETURNING * INTO v_participation;
      v_outcome := jsonb_build_object('outcome', 'stored', 'blockedAfterFailedChecks', v_failed,
        'result', ladle_result_after_submission(v_study, v_participation));
    END IF;
  END IF;
  v_outcome := coalesce(v_outcome, jsonb_build_object('outcome', 'stored', 'result', ladle_result_after_submission(v_study, v_participation)));

  -- Counted last: the trigger on StudyItem then updates the combination's counter, a row every
  -- submission of the combination writes, so its lock is held only until the commit.
  IF v_item.kind = 'REGULAR' THEN
    UPDATE "StudyItem" SET "completedCount" = "completedCount" + 1 WHERE id = v_item.id;
  END IF;
  RETURN v_outcome;
END;
$$;
