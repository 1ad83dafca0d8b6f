-- Claim and submit as one database call each. The TypeScript callers in lib/assignment map the
-- "outcome" of the returned jsonb to AppErrors. Locks are taken in the order participation,
-- item, assignment in every function, as in releaseParticipation, so they cannot deadlock with
-- each other. Times are UTC timestamps truncated to milliseconds, as Prisma stores DateTime.
-- The functions are VOLATILE, so each statement in them takes a fresh snapshot: a count made
-- after a row lock sees every lease committed on that row.

-- Open regular items of one combination for a crowdworker who was never assigned them: the first
-- `p_candidates` by completed judgments, with their load (completed judgments plus unexpired leases).
-- Items whose prompt and candidate system, written "promptId|systemId", are in p_seen_pairs are
-- left out.
CREATE FUNCTION ladle_claimable_candidates(
  p_study_id TEXT, p_combination_id TEXT, p_user_id TEXT, p_judgments_per_item INTEGER, p_now TIMESTAMP(3), p_candidates INTEGER,
  p_seen_pairs TEXT[]
) RETURNS TABLE (id TEXT, load BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT i.id, i."completedCount" + leases.active
  FROM "StudyItem" i
  CROSS JOIN LATERAL (
    SELECT count(*) AS active FROM "Assignment" a
    WHERE a."studyItemId" = i.id AND a.status = 'ASSIGNED' AND a."expiresAt" > p_now
  ) leases
  WHERE i."studyId" = p_study_id AND i."combinationId" = p_combination_id AND i.kind = 'REGULAR'
    AND i."completedCount" + leases.active < p_judgments_per_item
    AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."studyItemId" = i.id AND mine."userId" = p_user_id)
    AND (
      cardinality(p_seen_pairs) = 0
      OR i."promptId" || '|' || (SELECT r."systemId" FROM "Response" r WHERE r.id = i."candidateResponseId") <> ALL (p_seen_pairs)
    )
  ORDER BY i."completedCount"
  LIMIT p_candidates
$$;

-- The id of the regular item a crowdworker should judge next, or NULL when none is open to them.
-- Least-loaded combinations come first. Within one combination, the least-loaded of its first 32 open items
-- by completed judgments, ties broken at random. p_lock 'skip' locks the row FOR UPDATE SKIP
-- LOCKED, 'wait' waits for the best row, and 'none' locks nothing. A caller that locks must
-- recheck the load afterwards, because the selecting statement's snapshot may predate a lease
-- committed on the row. Items whose prompt and candidate system are in p_seen_pairs are left out.
CREATE FUNCTION ladle_select_claimable_item(
  p_study_id TEXT, p_user_id TEXT, p_judgments_per_item INTEGER, p_now TIMESTAMP(3), p_lock TEXT, p_seen_pairs TEXT[]
) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_combination_id TEXT;
  v_item_id TEXT;
BEGIN
  FOR v_combination_id IN
    WITH completed AS (
      SELECT "combinationId", sum("completedCount") AS judged
      FROM "StudyItem"
      WHERE "studyId" = p_study_id AND kind = 'REGULAR'
      GROUP BY "combinationId"
    ),
    leased AS (
      SELECT item."combinationId", count(*) AS active
      FROM "Assignment" a
      JOIN "StudyItem" item ON item.id = a."studyItemId"
      WHERE item."studyId" = p_study_id AND item.kind = 'REGULAR' AND a.status = 'ASSIGNED' AND a."expiresAt" > p_now
      GROUP BY item."combinationId"
    )
    SELECT completed."combinationId"
    FROM completed
    LEFT JOIN leased ON leased."combinationId" = completed."combinationId"
    ORDER BY completed.judged + COALESCE(leased.active, 0), random()
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

-- Generate an attention check for one crowdworker that borrows a regular item's combination and
-- row references but shows its own prompt and responses (p_texts: prompt, expected response,
-- other response). Every criterion expects the candidate side. Returns NULL for a study without
-- regular items.
CREATE FUNCTION ladle_create_attention_check(
  p_study_id TEXT, p_user_id TEXT, p_sequence INTEGER, p_criterion_keys TEXT[], p_texts TEXT[]
) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_source "StudyItem";
  v_check_id TEXT := gen_random_uuid()::TEXT;
BEGIN
  SELECT * INTO v_source FROM "StudyItem"
  WHERE "studyId" = p_study_id AND kind = 'REGULAR'
  ORDER BY md5(id || p_user_id || p_sequence::TEXT)
  LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  INSERT INTO "StudyItem" (
    id, "studyId", kind, "attentionCheckKey", "promptId", "combinationId", "candidateResponseId", "baselineResponseId",
    "shownPrompt", "shownCandidateText", "shownBaselineText"
  ) VALUES (
    v_check_id, p_study_id, 'ATTENTION', gen_random_uuid()::TEXT, v_source."promptId", v_source."combinationId",
    v_source."candidateResponseId", v_source."baselineResponseId", p_texts[1], p_texts[2], p_texts[3]
  );

  INSERT INTO "ExpectedVerdict" ("studyItemId", "criterionSideId", verdict)
  SELECT v_check_id, cs."sideId", 'CANDIDATE'
  FROM "CombinationSide" cs
  JOIN "Side" side ON side.id = cs."sideId"
  JOIN "Dimension" dimension ON dimension.id = side."dimensionId"
  WHERE cs."combinationId" = v_source."combinationId" AND dimension.key = ANY (p_criterion_keys);

  RETURN v_check_id;
END;
$$;

-- The check item a crowdworker should judge before their next regular item, or NULL when none is
-- due. An attention check is due after every attentionCheckEvery regular items. Gold item k of
-- goldItemsPerWorker (G) is due once k * itemsPerWorker / (G + 1) regular items are submitted,
-- and is one the crowdworker never saw. Runs with the participation row locked.
CREATE FUNCTION ladle_prepare_due_check(
  p_study "Study", p_participation_id TEXT, p_user_id TEXT, p_regular_submitted INTEGER, p_attention_texts TEXT[]
) RETURNS TEXT
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_submitted INTEGER;
  v_item_id TEXT;
BEGIN
  IF p_study."attentionCheckEvery" > 0 THEN
    SELECT count(*) INTO v_submitted
    FROM "Assignment" a JOIN "StudyItem" item ON item.id = a."studyItemId"
    WHERE a."participationId" = p_participation_id AND a.status = 'SUBMITTED' AND item.kind = 'ATTENTION';

    IF p_regular_submitted / p_study."attentionCheckEvery" > v_submitted THEN
      v_item_id := ladle_create_attention_check(p_study.id, p_user_id, v_submitted, p_study."criterionDimensionKeys", p_attention_texts);
      IF v_item_id IS NOT NULL THEN
        RETURN v_item_id;
      END IF;
    END IF;
  END IF;

  IF p_study."goldItemsPerWorker" > 0 THEN
    SELECT count(*) INTO v_submitted
    FROM "Assignment" a JOIN "StudyItem" item ON item.id = a."studyItemId"
    WHERE a."participationId" = p_participation_id AND a.status = 'SUBMITTED' AND item.kind = 'GOLD';

    IF v_submitted < p_study."goldItemsPerWorker"
      AND p_regular_submitted >= ((v_submitted + 1) * p_study."itemsPerWorker") / (p_study."goldItemsPerWorker" + 1) THEN
      SELECT item.id INTO v_item_id FROM "StudyItem" item
      WHERE item."studyId" = p_study.id AND item.kind = 'GOLD'
        AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."studyItemId" = item.id AND mine."userId" = p_user_id)
      ORDER BY md5(item.id || p_user_id)
      LIMIT 1;
      RETURN v_item_id;
    END IF;
  END IF;

  RETURN NULL;
END;
$$;

-- Return the crowdworker's unexpired lease in an open study, or lease them a new item: a check
-- item when one is due, else a regular item. The new lease shows p_shown_first first, drawn by
-- the caller from p_order_seed. Returns {"outcome": ...}: "assigned" with "assignment", "none"
-- (cap reached or nothing open), "study_not_found", "study_not_open", "not_entered",
-- "return_requested" with "reason", "comprehension_required", or "all_full" when every one of
-- 25 locked items turned out full.
CREATE FUNCTION ladle_claim_next_item(
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

-- Whether a crowdworker is done with a study after a submission, as {"done": false} or
-- {"done": true, "completionCode", "completionUrl"}: they reached itemsPerWorker regular items,
-- or they hold no lease and no item is open to them. A crowdworker asked to return is never
-- done. Records completedAt once they are done with at least one regular judgment stored.
CREATE FUNCTION ladle_result_after_submission(p_study "Study", p_participation "StudyParticipation") RETURNS JSONB
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_submitted INTEGER;
  v_now TIMESTAMP(3) := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
BEGIN
  IF p_participation."returnReason" IS NOT NULL THEN
    RETURN jsonb_build_object('done', false);
  END IF;

  SELECT count(*) INTO v_submitted
  FROM "Assignment" a JOIN "StudyItem" item ON item.id = a."studyItemId"
  WHERE a."participationId" = p_participation.id AND a.status = 'SUBMITTED' AND item.kind = 'REGULAR';

  IF v_submitted < p_study."itemsPerWorker" THEN
    IF EXISTS (
      SELECT 1 FROM "Assignment"
      WHERE "participationId" = p_participation.id AND status = 'ASSIGNED' AND "expiresAt" > v_now
    ) OR ladle_select_claimable_item(p_study.id, p_participation."userId", p_study."judgmentsPerItem", v_now, 'none', '{}') IS NOT NULL THEN
      RETURN jsonb_build_object('done', false);
    END IF;
  END IF;

  IF v_submitted = 0 THEN
    RETURN jsonb_build_object('done', true);
  END IF;

  UPDATE "StudyParticipation" SET "completedAt" = v_now WHERE id = p_participation.id AND "completedAt" IS NULL;
  RETURN jsonb_build_object('done', true, 'completionCode', p_study."completionCode")
    || jsonb_strip_nulls(jsonb_build_object('completionUrl', p_study."completionUrl"));
END;
$$;

-- Store a crowdworker's verdicts (p_side_ids[i] gets p_verdicts[i]) on their assignment, mark it
-- submitted, count it on a regular item, score a check item, flag a submission faster than
-- minSecondsPerItem, and ask the crowdworker to return once their failed checks reach a non-zero
-- qualityBlockThreshold. A repeat with the accepted request id stores nothing again. Returns
-- {"outcome": "stored", "result": ...} with the result of ladle_result_after_submission, or
-- "forbidden", "study_not_open", "already_submitted" with "acceptedRequestId", "returned"
-- (the crowdworker returned the study, which released the lease) or "expired" with "expiresAt".
CREATE FUNCTION ladle_submit_judgments(
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
BEGIN
  SELECT * INTO v_assignment FROM "Assignment" WHERE id = p_assignment_id;
  IF NOT FOUND OR v_assignment."userId" <> p_user_id THEN
    RETURN jsonb_build_object('outcome', 'forbidden');
  END IF;

  SELECT * INTO v_participation FROM "StudyParticipation" WHERE id = v_assignment."participationId" FOR UPDATE;
  SELECT * INTO v_item FROM "StudyItem" WHERE id = v_assignment."studyItemId" FOR UPDATE;
  SELECT * INTO v_assignment FROM "Assignment" WHERE id = p_assignment_id FOR UPDATE;
  SELECT * INTO v_study FROM "Study" WHERE id = v_item."studyId";

  IF v_assignment.status = 'SUBMITTED' THEN
    IF v_assignment."requestId" IS DISTINCT FROM p_request_id THEN
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

  IF v_item.kind = 'REGULAR' THEN
    UPDATE "StudyItem" SET "completedCount" = "completedCount" + 1 WHERE id = v_item.id;
  END IF;

  IF v_study."qualityBlockThreshold" > 0 AND v_participation."returnReason" IS NULL THEN
    SELECT count(*) INTO v_failed FROM "Assignment"
    WHERE "participationId" = v_participation.id AND status = 'SUBMITTED' AND ("checkPassed" = false OR "tooFast");
    IF v_failed >= v_study."qualityBlockThreshold" THEN
      UPDATE "StudyParticipation" SET "returnRequestedAt" = v_now, "returnReason" = 'QUALITY_BLOCKED'
      WHERE id = v_participation.id
      RETURNING * INTO v_participation;
      RETURN jsonb_build_object('outcome', 'stored', 'blockedAfterFailedChecks', v_failed,
        'result', ladle_result_after_submission(v_study, v_participation));
    END IF;
  END IF;

  RETURN jsonb_build_object('outcome', 'stored', 'result', ladle_result_after_submission(v_study, v_participation));
END;
$$;
