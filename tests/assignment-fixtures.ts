import { randomUUID } from "node:crypto";

import { db } from "@/lib/db/prisma";
import { seedPreferences } from "@/lib/preferences/seed-preferences";

/** Return a suffix no other test file or run uses, for rows with unique names. */
function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

/**
 * Seed the default preferences. Test files run in parallel on one database and
 * syncCombinations checks before it inserts, so a concurrent seed can fail on a unique key.
 * The second attempt then finds every row stored.
 */
export async function ensurePreferences(): Promise<void> {
  try {
    await seedPreferences();
  } catch {
    await seedPreferences();
  }
}

export type JudgingStudy = Awaited<ReturnType<typeof createJudgingStudy>>;

/**
 * Create an open study with `itemCount` items, each a different prompt under one of the eight
 * A/B combinations (cycling), with a candidate response "candidate answer N" and a baseline
 * response "baseline answer N".
 */
export async function createJudgingStudy(options: {
  itemCount: number;
  judgmentsPerItem?: number;
  itemsPerWorker?: number;
  leaseMinutes?: number;
  criterionDimensionKeys?: string[];
  completionUrl?: string;
  status?: "DRAFT" | "OPEN" | "CLOSED";
}) {
  await ensurePreferences();
  const suffix = uniqueSuffix();

  const researcher = await db.user.create({
    data: { role: "RESEARCHER", email: `researcher-${suffix}@example.test`, name: `researcher-${suffix}` },
  });
  const candidate = await db.system.create({ data: { name: `candidate-${suffix}` } });
  const baseline = await db.system.create({ data: { name: `baseline-${suffix}` } });
  const promptSet = await db.promptSet.create({ data: { name: `prompts-${suffix}`, sourceFileName: "prompts.jsonl" } });
  const batch = await db.importBatch.create({
    data: { kind: "responses", fileName: "responses.jsonl", rowsRead: 0, rowsStored: 0, createdById: researcher.id },
  });
  const combinations = await db.combination.findMany({
    where: { name: { in: ["AAA", "AAB", "ABA", "ABB", "BAA", "BAB", "BBA", "BBB"] } },
    orderBy: { name: "asc" },
  });

  const study = await db.study.create({
    data: {
      name: `study-${suffix}`,
      status: options.status ?? "OPEN",
      promptSetId: promptSet.id,
      baselineSystemId: baseline.id,
      criterionDimensionKeys: options.criterionDimensionKeys ?? ["P1", "P2", "P3"],
      judgmentsPerItem: options.judgmentsPerItem ?? 1,
      itemsPerWorker: options.itemsPerWorker ?? 100,
      leaseMinutes: options.leaseMinutes ?? 30,
      instructions: "Read both responses and pick the better one for each question.",
      completionCode: `CODE-${suffix}`,
      completionUrl: options.completionUrl,
      createdById: researcher.id,
      candidates: { create: { systemId: candidate.id } },
      combinations: { create: combinations.map((combination) => ({ combinationId: combination.id })) },
    },
  });

  for (let index = 0; index < options.itemCount; index += 1) {
    const combination = combinations[index % combinations.length];
    const prompt = await db.prompt.create({
      data: { promptSetId: promptSet.id, externalId: `q${index + 1}`, text: `Question ${index + 1}?`, position: index },
    });
    const responseData = { promptId: prompt.id, combinationId: combination.id, combinationKey: combination.id, importBatchId: batch.id };
    const candidateResponse = await db.response.create({
      data: { ...responseData, systemId: candidate.id, text: `candidate answer ${index + 1}` },
    });
    const baselineResponse = await db.response.create({
      data: { ...responseData, systemId: baseline.id, text: `baseline answer ${index + 1}` },
    });
    await db.studyItem.create({
      data: {
        studyId: study.id,
        promptId: prompt.id,
        combinationId: combination.id,
        candidateResponseId: candidateResponse.id,
        baselineResponseId: baselineResponse.id,
      },
    });
  }

  return { study, candidate, baseline };
}

/** Create a crowdworker who has entered the study. */
export async function createCrowdworker(studyId: string) {
  const suffix = uniqueSuffix();
  const user = await db.user.create({
    data: { role: "CROWDWORKER", participantId: `test:${suffix}`, pseudonym: `W-test-${suffix}` },
  });
  await db.studyParticipation.create({ data: { studyId, userId: user.id } });
  return user;
}

/** Per item of the study: completed judgments plus unexpired leases. */
export async function loadPerItem(studyId: string): Promise<number[]> {
  const now = new Date();
  const items = await db.studyItem.findMany({
    where: { studyId },
    include: { assignments: { where: { status: "ASSIGNED", expiresAt: { gt: now } }, select: { id: true } } },
  });
  return items.map((item) => item.completedCount + item.assignments.length);
}
