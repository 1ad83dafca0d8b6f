import { randomUUID } from "node:crypto";

import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { seedPreferences } from "@/lib/preferences/seed-preferences";

/** Build a name that no other test file or run uses, for rows with unique names. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Seed the default preferences, retrying once. Test files run in parallel on one database,
 * and syncCombinations checks before it inserts, so a concurrent seed can fail on a unique
 * key. The second attempt then finds every row stored.
 */
export async function ensurePreferences(): Promise<void> {
  await seedPreferences();
}

export async function createUser(role: Role) {
  const name = uniqueName(role.toLowerCase());
  if (role === "CROWDWORKER") {
    return db.user.create({ data: { role, participantId: `test:${name}`, pseudonym: `W-${name}` } });
  }
  return db.user.create({ data: { role, email: `${name}@example.test`, name } });
}

/** Look up a combination of the default dimensions by its name, such as AAB. */
export async function findCombination(name: string) {
  const sideKeys = ["P1", "P2", "P3"].map((dimensionKey, index) => `${dimensionKey}${name[index]}`).join("+");
  return db.combination.findUniqueOrThrow({ where: { sideKeys } });
}

export async function createPromptSet(promptCount: number, name = uniqueName("prompts")) {
  const promptSet = await db.promptSet.create({ data: { name, sourceFileName: `${name}.jsonl` } });
  const prompts = [];
  for (let position = 0; position < promptCount; position += 1) {
    prompts.push(
      await db.prompt.create({
        data: { promptSetId: promptSet.id, externalId: `q${position + 1}`, text: `Question ${position + 1}?`, position },
      }),
    );
  }
  return { promptSet, prompts };
}

export async function createSystem(name = uniqueName("system")) {
  return db.system.create({ data: { name } });
}

/**
 * Store one response per prompt for `systemId`, generated for `combinationId` or, when it is
 * null, without a combination. Returns the responses in prompt order.
 */
export async function addResponses(options: {
  uploaderId: string;
  systemId: string;
  promptIds: string[];
  combinationId: string | null;
}) {
  const batch = await db.importBatch.create({
    data: { kind: "responses", fileName: "responses.jsonl", rowsRead: options.promptIds.length, rowsStored: options.promptIds.length, createdById: options.uploaderId },
  });

  const responses = [];
  for (const promptId of options.promptIds) {
    responses.push(
      await db.response.create({
        data: {
          promptId,
          systemId: options.systemId,
          combinationId: options.combinationId,
          combinationKey: options.combinationId ?? "",
          text: `Response of ${options.systemId} to ${promptId}`,
          importBatchId: batch.id,
        },
      }),
    );
  }
  return responses;
}

/** Settings of a valid study; override fields to test one change at a time. */
export function studySettings(options: {
  promptSetId: string;
  baselineSystemId: string;
  candidateSystemIds: string[];
  combinationIds: string[];
}) {
  return {
    name: uniqueName("study"),
    ...options,
    judgmentsPerItem: 3,
    itemsPerWorker: 20,
    instructions: "Read the preferences, then compare the two responses on each criterion.",
    completionCode: "C1A2B3C4",
    completionUrl: "https://app.prolific.com/submissions/complete?cc=C1A2B3C4",
  };
}
