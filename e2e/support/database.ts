import { randomBytes } from "node:crypto";

import { hash } from "@node-rs/argon2";
import pg from "pg";

/** A pg pool on the database the app under test uses, for setting up users and checking results. */
export function connectToAppDatabase(): pg.Pool {
  if (!process.env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set; run the browser tests through `npm test`.");
  }
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
}

/** A name unique to this test run, so tests never collide with data another test made. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
}

export type StaffAccount = { email: string; password: string };

export async function createStaffAccount(pool: pg.Pool, role: "ADMIN" | "RESEARCHER"): Promise<StaffAccount> {
  const email = `${uniqueName(role.toLowerCase())}@e2e.test`;
  const password = randomBytes(12).toString("base64url");

  await pool.query(
    `insert into "User" (id, role, email, "passwordHash", name) values ($1, $2::"Role", $3, $4, $5)`,
    [uniqueName("user"), role, email, await hash(password), `E2E ${role.toLowerCase()}`],
  );
  return { email, password };
}

/**
 * Store a minimal open study directly: one prompt, a baseline and a candidate response, and
 * one item per A/B combination, judged on every dimension by one crowdworker each.
 */
export async function createOpenStudy(
  pool: pg.Pool,
  options: { candidateText: string; baselineText: string; itemsPerWorker?: number },
): Promise<{ studyId: string }> {
  const id = (prefix: string) => uniqueName(prefix);
  const [promptSetId, promptId, baselineId, candidateId, batchId, studyId] = ["set", "prompt", "sys", "sys", "batch", "study"].map(id);
  const researcher = await createStaffAccount(pool, "RESEARCHER");
  const creator = await pool.query(`select id from "User" where email = $1`, [researcher.email]);
  const creatorId = creator.rows[0].id;

  await pool.query(`insert into "PromptSet" (id, name, "sourceFileName") values ($1, $1, 'e2e.json')`, [promptSetId]);
  await pool.query(`insert into "Prompt" (id, "promptSetId", "externalId", text, position) values ($1, $2, '1', 'Explain how vaccines work.', 0)`, [promptId, promptSetId]);
  await pool.query(`insert into "System" (id, name) values ($1, $1), ($2, $2)`, [baselineId, candidateId]);
  await pool.query(`insert into "ImportBatch" (id, kind, "fileName", "rowsRead", "rowsStored", "createdById") values ($1, 'RESPONSES', 'e2e.json', 2, 2, $2)`, [batchId, creatorId]);
  const baselineResponseId = id("response");
  const candidateResponseId = id("response");
  const insertResponse = `insert into "Response" (id, "promptId", "systemId", text, "importBatchId") values ($1, $2, $3, $4, $5)`;
  await pool.query(insertResponse, [baselineResponseId, promptId, baselineId, options.baselineText, batchId]);
  await pool.query(insertResponse, [candidateResponseId, promptId, candidateId, options.candidateText, batchId]);

  await pool.query(
    `insert into "Study" (id, name, status, "promptSetId", "baselineSystemId", "criterionDimensionKeys", "judgmentsPerItem", "itemsPerWorker", instructions, "completionCode", "createdById", "openedAt")
     values ($1, $1, 'OPEN', $2, $3, array['P1','P2','P3'], 1, $4, 'Pick the better answer.', 'SAFE123', $5, now())`,
    [studyId, promptSetId, baselineId, options.itemsPerWorker ?? 8, creatorId],
  );
  await pool.query(`insert into "StudyCandidate" ("studyId", "systemId") values ($1, $2)`, [studyId, candidateId]);
  const combinations = await pool.query(`select id from "Combination" where name ~ '^[AB]{3}$'`);
  for (const combination of combinations.rows) {
    await pool.query(`insert into "StudyCombination" ("studyId", "combinationId") values ($1, $2)`, [studyId, combination.id]);
    await pool.query(
      `insert into "StudyItem" (id, "studyId", "promptId", "combinationId", "candidateResponseId", "baselineResponseId") values ($1, $2, $3, $4, $5, $6)`,
      [id("item"), studyId, promptId, combination.id, candidateResponseId, baselineResponseId],
    );
  }
  return { studyId };
}

/**
 * Store an open study of `itemCount` items with bulk inserts, for load and fault tests: one
 * prompt per item, cycling through the eight A/B combinations, each with a short candidate and
 * baseline response. Crowdworkers answer the three criteria P1, P2 and P3.
 */
export async function createLoadStudy(
  pool: pg.Pool,
  options: { itemCount: number; judgmentsPerItem: number; itemsPerWorker: number; name?: string },
): Promise<{ studyId: string }> {
  const prefix = options.name ?? uniqueName("load");
  const studyId = `${prefix}-study`;
  const promptSetId = `${prefix}-set`;
  const [baselineId, candidateId, batchId, creatorId] = ["baseline", "candidate", "batch", "creator"].map((part) => `${prefix}-${part}`);
  const indexes = Array.from({ length: options.itemCount }, (_, index) => index);
  const promptIds = indexes.map((index) => `${prefix}-prompt-${index}`);

  await pool.query(`insert into "User" (id, role, email, name) values ($1, 'RESEARCHER', $2, $1)`, [creatorId, `${creatorId}@e2e.test`]);
  await pool.query(`insert into "PromptSet" (id, name, "sourceFileName") values ($1, $1, 'load.json')`, [promptSetId]);
  await pool.query(`insert into "System" (id, name) values ($1, $1), ($2, $2)`, [baselineId, candidateId]);
  await pool.query(
    `insert into "ImportBatch" (id, kind, "fileName", "rowsRead", "rowsStored", "createdById") values ($1, 'RESPONSES', 'load.json', $2, $2, $3)`,
    [batchId, 2 * options.itemCount, creatorId],
  );
  await pool.query(
    `insert into "Prompt" (id, "promptSetId", "externalId", text, position)
     select id, $2, position::text, 'Question ' || position || ': explain how tides work.', position
     from unnest($1::text[]) with ordinality as prompt(id, position)`,
    [promptIds, promptSetId],
  );
  for (const [systemId, kind] of [[baselineId, "baseline"], [candidateId, "candidate"]]) {
    await pool.query(
      `insert into "Response" (id, "promptId", "systemId", text, "importBatchId")
       select "promptId" || '-${kind}', "promptId", $2, 'The ${kind} answer: the moon pulls the oceans.', $3
       from unnest($1::text[]) as prompt("promptId")`,
      [promptIds, systemId, batchId],
    );
  }

  await pool.query(
    `insert into "Study" (id, name, status, "promptSetId", "baselineSystemId", "criterionDimensionKeys", "judgmentsPerItem", "itemsPerWorker", instructions, "completionCode", "createdById", "openedAt")
     values ($1, $1, 'OPEN', $2, $3, array['P1','P2','P3'], $4, $5, 'Pick the better answer.', 'LOAD123', $6, now())`,
    [studyId, promptSetId, baselineId, options.judgmentsPerItem, options.itemsPerWorker, creatorId],
  );
  await pool.query(`insert into "StudyCandidate" ("studyId", "systemId") values ($1, $2)`, [studyId, candidateId]);
  const combinations = await pool.query<{ id: string }>(`select id from "Combination" where name ~ '^[AB]{3}$' order by name`);
  const combinationIds = combinations.rows.map((row) => row.id);
  await pool.query(
    `insert into "StudyCombination" ("studyId", "combinationId") select $1, id from unnest($2::text[]) as combination(id)`,
    [studyId, combinationIds],
  );
  await pool.query(
    `insert into "StudyItem" (id, "studyId", "promptId", "combinationId", "candidateResponseId", "baselineResponseId")
     select "promptId" || '-item', $1, "promptId", "combinationId", "promptId" || '-candidate', "promptId" || '-baseline'
     from unnest($2::text[], $3::text[]) as item("promptId", "combinationId")`,
    [studyId, promptIds, promptIds.map((_, index) => combinationIds[index % combinationIds.length])],
  );

  return { studyId };
}

export type IntegrityReport = {
  /** Assignment and criterion pairs with more than one judgment. */
  duplicateJudgments: number;
  /** Item and crowdworker pairs with more than one submitted assignment. */
  duplicateAssignments: number;
  /** Items whose completed judgments plus unexpired leases exceed judgmentsPerItem. */
  itemsOverQuota: number;
  /** Items whose completedCount differs from their submitted assignments. */
  miscountedItems: number;
  /** Submitted assignments without exactly one judgment per criterion of the study. */
  partialSubmissions: number;
  /** Acknowledged assignment ids that are not stored as submitted. */
  lostSubmissions: string[];
};

/** Check a study's stored judgments for duplicates, over-assignment and acknowledged submissions that are missing. */
export async function checkJudgmentIntegrity(
  pool: pg.Pool,
  options: { studyId: string; acknowledged: readonly string[] },
): Promise<IntegrityReport> {
  const count = async (sql: string, values: unknown[] = [options.studyId]) => (await pool.query<{ n: number }>(sql, values)).rows[0].n;

  const duplicateJudgments = await count(
    `select count(*)::int as n from (
       select 1 from "Judgment" j join "StudyItem" i on i.id = j."studyItemId"
       where i."studyId" = $1 group by j."assignmentId", j."criterionSideId" having count(*) > 1) duplicates`,
  );
  const duplicateAssignments = await count(
    `select count(*)::int as n from (
       select 1 from "Assignment" a join "StudyItem" i on i.id = a."studyItemId"
       where i."studyId" = $1 and a.status = 'SUBMITTED' group by a."studyItemId", a."userId" having count(*) > 1) duplicates`,
  );
  const itemsOverQuota = await count(
    `select count(*)::int as n from "StudyItem" i join "Study" s on s.id = i."studyId"
     where i."studyId" = $1 and i."completedCount" + (
       select count(*) from "Assignment" a where a."studyItemId" = i.id and a.status = 'ASSIGNED' and a."expiresAt" > now()
     ) > s."judgmentsPerItem"`,
  );
  const miscountedItems = await count(
    `select count(*)::int as n from "StudyItem" i
     where i."studyId" = $1 and i."completedCount" <> (select count(*) from "Assignment" a where a."studyItemId" = i.id and a.status = 'SUBMITTED')`,
  );
  const partialSubmissions = await count(
    `select count(*)::int as n from "Assignment" a
     join "StudyItem" i on i.id = a."studyItemId" join "Study" s on s.id = i."studyId"
     where i."studyId" = $1 and a.status = 'SUBMITTED'
       and (select count(*) from "Judgment" j where j."assignmentId" = a.id) <> cardinality(s."criterionDimensionKeys")`,
  );
  const stored = await pool.query<{ id: string }>(`select id from "Assignment" where id = any($1::text[]) and status = 'SUBMITTED'`, [
    [...options.acknowledged],
  ]);
  const storedIds = new Set(stored.rows.map((row) => row.id));

  return {
    duplicateJudgments,
    duplicateAssignments,
    itemsOverQuota,
    miscountedItems,
    partialSubmissions,
    lostSubmissions: options.acknowledged.filter((id) => !storedIds.has(id)),
  };
}
