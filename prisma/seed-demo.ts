import { readFileSync } from "node:fs";
import path from "node:path";

import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { importPromptSet } from "@/lib/imports/import-prompt-set";
import { importResponses } from "@/lib/imports/import-responses";
import { seedPreferences } from "@/lib/preferences/seed-preferences";
import type { Actor } from "@/lib/auth/assert-role";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

const SEED_DATA_DIRECTORY = path.join(process.cwd(), "prisma", "seed-data");
const BASELINE_SYSTEM = "alpaca-7b";
const CANDIDATE_SYSTEMS = ["gpt4_0613_concise", "gpt4_0613_verbose"];

/** Accounts the demo seed creates; printed by `npm run dev` and listed in the README. */
export const DEMO_ACCOUNTS = [
  { role: "ADMIN", email: "admin@ladle.test", password: "ladle-admin-demo", name: "Demo admin" },
  { role: "RESEARCHER", email: "researcher@ladle.test", password: "ladle-researcher-demo", name: "Demo researcher" },
] as const;

const DEMO_INSTRUCTIONS = `You will read a question a person asked an AI assistant, a short description of what that person prefers, and two answers.

For each question about the person's preferences, pick the answer that fits the preference better, or "About the same" when neither does. Judge only the preference you are asked about, not which answer you like more.`;

/**
 * Seed an empty database with the default preferences, the demo accounts and an open demo
 * study built through the product's own import and study functions. Does nothing when the
 * database already has users, and returns the demo study's id when it can find it.
 */
export async function seedDemo(): Promise<{ created: boolean; studyId: string | null }> {
  await seedPreferences();

  if ((await db.user.count()) > 0) {
    const study = await db.study.findFirst({ where: { name: "Demo: P-Soups preference study" }, select: { id: true } });
    return { created: false, studyId: study?.id ?? null };
  }

  const [admin, researcher] = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) =>
      db.user.create({
        data: { role: account.role, email: account.email, name: account.name, passwordHash: await hashPassword(account.password) },
      }),
    ),
  );

  const promptSet = await importPromptSet({
    actor: admin,
    fileName: "koala_eval_50.json",
    content: readSeedFile("koala_eval_50.json"),
    name: "Koala evaluation prompts",
  });

  for (const system of [BASELINE_SYSTEM, ...CANDIDATE_SYSTEMS]) {
    await importResponses({
      actor: admin,
      fileName: `${system}.json`,
      content: readSeedFile(`${system}.json`),
      promptSetId: promptSet.promptSetId!,
      systemName: system,
    });
  }

  const study = await createDemoStudy(researcher, promptSet.promptSetId!);
  return { created: true, studyId: study.id };
}

async function createDemoStudy(researcher: Actor, promptSetId: string) {
  const systems = await db.system.findMany({ where: { name: { in: [BASELINE_SYSTEM, ...CANDIDATE_SYSTEMS] } } });
  const systemId = (name: string) => systems.find((system) => system.name === name)!.id;
  const combinations = await db.combination.findMany({ where: { name: { in: ["AAA", "AAB", "ABA", "ABB", "BAA", "BAB", "BBA", "BBB"] } } });

  const study = await createStudy({
    actor: researcher,
    input: {
      name: "Demo: P-Soups preference study",
      promptSetId,
      baselineSystemId: systemId(BASELINE_SYSTEM),
      candidateSystemIds: CANDIDATE_SYSTEMS.map(systemId),
      combinationIds: combinations.map((combination) => combination.id),
      judgmentsPerItem: 3,
      itemsPerWorker: 10,
      instructions: DEMO_INSTRUCTIONS,
      completionCode: "DEMO2026",
    },
  });

  await openStudy({ actor: researcher, studyId: study.id });
  return study;
}

function readSeedFile(name: string): string {
  return readFileSync(path.join(SEED_DATA_DIRECTORY, name), "utf8");
}
