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
