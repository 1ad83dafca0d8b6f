/**
 * Generator of a large synthetic study for the statistics benchmark. The study has 6 systems
 * (a baseline and 5 candidates), the 8 combinations of the default dimensions and criteria
 * P1-P3. Each item and criterion gets 6 human judgments and 2 simulated ones (one judge
 * version, both orders), so a prompt carries 960 judgments. Everything is inserted with
 * INSERT ... SELECT over generate_series, which avoids a round trip per row.
 * Verdicts are drawn from md5 hashes of row keys without the prefix, so the same size always
 * gives the same data.
 * Candidate k wins more often as k grows, longer candidates win a little more, and humans
 * lean to the first-shown response.
 */
import pg from "pg";

export const JUDGMENTS_PER_PROMPT = 8 * 5 * 3 * 8;
const CROWDWORKERS = 300;

export type GeneratedStudy = { studyId: string; researcherId: string; promptCount: number; judgmentCount: number };

/** Insert a study with about `judgments` judgments. Its ids start with `prefix`, which keeps them apart from other data in the database. */
export async function generateStatsJudgments({ databaseUrl, judgments, prefix }: { databaseUrl: string; judgments: number; prefix: string }): Promise<GeneratedStudy> {
  const promptCount = Math.max(1, Math.round(judgments / JUDGMENTS_PER_PROMPT));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();

  try {
    await client.query("BEGIN");
    await client.query(`CREATE TEMPORARY TABLE bench_params ON COMMIT DROP AS SELECT $1::text AS prefix, $2::int AS prompts, $3::int AS workers`, [prefix, promptCount, CROWDWORKERS]);
    for (const statement of GENERATE_STATEMENTS) {
      await client.query(statement);
    }
    await client.query("COMMIT");
    // VACUUM sets the hint bits and visibility map that a long-lived table has. Without it the
    // first reads of fresh rows must write them, which measured about three times slower here.
    await client.query(`VACUUM ANALYZE "Judgment", "StudyItem", "Response"`);

    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM "Judgment" j JOIN "StudyItem" si ON si."id" = j."studyItemId" WHERE si."studyId" = $1`,
      [`${prefix}-study`],
    );
    return { studyId: `${prefix}-study`, researcherId: `${prefix}-researcher`, promptCount, judgmentCount: rows[0].count };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Uniform number in [0, 1) from the md5 of a text key, used as a reproducible random draw. */
const uniform = (key: string) => `(('x' || substr(md5(${key}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

const GENERATE_STATEMENTS = [
  `INSERT INTO "User" ("id", "role", "email", "name")
   SELECT prefix || '-researcher', 'RESEARCHER', prefix || '-researcher@bench.test', 'Benchmark researcher' FROM bench_params`,

  `INSERT INTO "User" ("id", "role", "participantId", "pseudonym")
   SELECT prefix || '-worker-' || g, 'CROWDWORKER', prefix || ':' || g, 'W-' || prefix || '-' || g
   FROM bench_params, generate_series(1, workers) g`,

  `INSERT INTO "PromptSet" ("id", "name", "sourceFileName") SELECT prefix || '-prompts', prefix || ' prompts', 'bench.jsonl' FROM bench_params`,

  `INSERT INTO "Prompt" ("id", "promptSetId", "externalId", "text", "position")
   SELECT prefix || '-prompt-' || lpad(g::text, 7, '0'), prefix || '-prompts', 'q' || g, 'Question ' || g, g
   FROM bench_params, generate_series(1, prompts) g`,

  `INSERT INTO "System" ("id", "name") SELECT prefix || '-system-' || s, prefix || '-system-' || s FROM bench_params, generate_series(0, 5) s`,

  `INSERT INTO "ImportBatch" ("id", "kind", "fileName", "rowsRead", "rowsStored", "createdById")
   SELECT prefix || '-batch', 'responses', 'bench.jsonl', 0, 0, prefix || '-researcher' FROM bench_params`,

  // Response length: 200 characters plus 60 per system number plus up to 600 by hash.
  `INSERT INTO "Response" ("id", "promptId", "systemId", "combinationKey", "text", "importBatchId")
   SELECT prefix || '-response-' || p || '-' || s, prefix || '-prompt-' || lpad(p::text, 7, '0'), prefix || '-system-' || s, '',
     repeat('x', 200 + 60 * s + floor(600 * ${uniform(`'length:' || p || ':' || s`)})::int), prefix || '-batch'
   FROM bench_params, generate_series(1, prompts) p, generate_series(0, 5) s`,

  `INSERT INTO "Study" ("id", "name", "status", "promptSetId", "baselineSystemId", "criterionDimensionKeys", "judgmentsPerItem",
     "itemsPerWorker", "instructions", "completionCode", "createdById", "openedAt")
   SELECT prefix || '-study', prefix || ' study', 'OPEN', prefix || '-prompts', prefix || '-system-0', ARRAY['P1', 'P2', 'P3'], 6,
     100, 'Benchmark study.', 'BENCH', prefix || '-researcher', now()
   FROM bench_params`,

  `INSERT INTO "StudyCandidate" ("studyId", "systemId") SELECT prefix || '-study', prefix || '-system-' || s FROM bench_params, generate_series(1, 5) s`,

  `INSERT INTO "StudyCombination" ("studyId", "combinationId")
   SELECT prefix || '-study', c."id" FROM bench_params, "Combination" c WHERE c."sideKeys" ~ '^P1[AB]\\+P2[AB]\\+P3[AB]$'`,

  `INSERT INTO "StudyItem" ("id", "studyId", "promptId", "combinationId", "candidateResponseId", "baselineResponseId", "kind")
   SELECT prefix || '-item-' || p || '-' || c."name" || '-' || s, prefix || '-study', prefix || '-prompt-' || lpad(p::text, 7, '0'), c."id",
     prefix || '-response-' || p || '-' || s, prefix || '-response-' || p || '-0', 'REGULAR'
   FROM bench_params, generate_series(1, prompts) p, "StudyCombination" sc JOIN "Combination" c ON c."id" = sc."combinationId",
     generate_series(1, 5) s
   WHERE sc."studyId" = prefix || '-study'`,

  `INSERT INTO "StudyParticipation" ("id", "studyId", "userId", "prolificStudyId")
   SELECT prefix || '-participation-' || g, prefix || '-study', prefix || '-worker-' || g, CASE WHEN g % 2 = 1 THEN 'prolific-bench' END
   FROM bench_params, generate_series(1, workers) g`,

  `INSERT INTO "Judge" ("id", "name", "createdById") SELECT prefix || '-judge', prefix || ' judge', prefix || '-researcher' FROM bench_params`,

  `INSERT INTO "JudgeVersion" ("id", "judgeId", "version", "baseUrl", "model", "apiKeyEnv", "temperature", "maxTokens", "verdictMode", "orderMode", "templates")
   SELECT prefix || '-judge-v1', prefix || '-judge', 1, 'http://127.0.0.1:9/v1', 'bench-model', 'BENCH_API_KEY', 0.1, 512, 'THREE_WAY', 'BOTH_ORDERS', '{}'::jsonb
   FROM bench_params`,

  // Raters 1-6 are crowdworkers, 7 and 8 the simulated judge in both orders. The candidate's
  // chance of winning a decided verdict grows with its system number and its length advantage.
  `INSERT INTO "Judgment" ("id", "studyItemId", "judgeType", "userId", "judgeVersionId", "criterionSideId", "verdict", "shownFirst", "createdAt")
   SELECT prefix || '-judgment-' || draws.item_number || '-' || draws.side_key || '-' || draws.rater,
     draws.item_id,
     CASE WHEN draws.rater <= 6 THEN 'HUMAN' ELSE 'SIMULATED' END::"JudgeType",
     CASE WHEN draws.rater <= 6 THEN prefix || '-worker-' || (1 + (draws.item_number * 6 + draws.rater) % workers) END,
     CASE WHEN draws.rater > 6 THEN prefix || '-judge-v1' END,
     draws.side_id,
     CASE
       WHEN draws.verdict_draw < 0.15 THEN 'TIE'
       WHEN draws.verdict_draw < 0.15 + 0.85 * least(0.95, greatest(0.05,
         0.35 + 0.06 * draws.system_number + 0.0002 * draws.length_difference
         + CASE WHEN draws.rater <= 6 AND draws.shown_first = 'CANDIDATE' THEN 0.05 WHEN draws.rater <= 6 THEN -0.05 ELSE 0 END))
         THEN 'CANDIDATE'
       ELSE 'BASELINE'
     END::"Verdict",
     draws.shown_first::"ComparedSystem",
     timestamp '2026-11-01 00:00:00' + (draws.time_draw * interval '14 days')
   FROM bench_params, (
     SELECT items.*, sides."id" AS side_id, sides."key" AS side_key, rater,
       ${uniform(`items.item_key || ':' || sides."key" || ':' || rater`)} AS verdict_draw,
       ${uniform(`items.item_key || ':' || sides."key" || ':' || rater || ':time'`)} AS time_draw,
       CASE
         WHEN rater = 7 THEN 'CANDIDATE'
         WHEN rater = 8 THEN 'BASELINE'
         WHEN ${uniform(`items.item_key || ':' || sides."key" || ':' || rater || ':order'`)} < 0.5 THEN 'CANDIDATE'
         ELSE 'BASELINE'
       END AS shown_first
     FROM (
       SELECT si."id" AS item_id, si."combinationId", row_number() OVER (ORDER BY si."id") AS item_number,
         -- The id without the prefix, so that the draws, and the data, do not depend on the prefix.
         substr(si."id", (SELECT length(prefix) FROM bench_params) + 1) AS item_key,
         substring(candidate."systemId" from '[0-9]+$')::int AS system_number,
         length(candidate."text") - length(baseline."text") AS length_difference
       FROM "StudyItem" si
       JOIN "Response" candidate ON candidate."id" = si."candidateResponseId"
       JOIN "Response" baseline ON baseline."id" = si."baselineResponseId"
       WHERE si."studyId" = (SELECT prefix || '-study' FROM bench_params)
     ) items
     JOIN "CombinationSide" cs ON cs."combinationId" = items."combinationId"
     JOIN "Side" sides ON sides."id" = cs."sideId"
     CROSS JOIN generate_series(1, 8) rater
   ) draws`,
];
