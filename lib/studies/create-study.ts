import { z } from "zod";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { assertRole, type Actor } from "@/lib/auth/assert-role";

const idListSchema = (choice: string) =>
  z
    .array(z.string().trim().min(1))
    .min(1, `choose at least one ${choice}`)
    .transform((ids) => [...new Set(ids)]);

/** A whole number from 0 (the feature is off, the default) to `max`; an empty form field means 0. */
function countSetting(max: number, maxNote = "") {
  return z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must be 0 (off) or more")
    .max(max, `must be at most ${max}${maxNote ? ` ${maxNote}` : ""}`)
    .default(0);
}

/** Study settings as a researcher enters them; numbers may arrive as form strings. */
export const createStudySchema = z
  .object({
    name: z.string().trim().min(1, "enter a study name").max(200, "must be at most 200 characters"),
    promptSetId: z.string().trim().min(1, "choose a prompt set"),
    baselineSystemId: z.string().trim().min(1, "choose a baseline system"),
    candidateSystemIds: idListSchema("candidate system"),
    combinationIds: idListSchema("combination"),
    criterionDimensionKeys: z
      .array(z.string().trim().min(1))
      .min(1, "choose at least one criterion")
      .transform((keys) => [...new Set(keys)])
      .optional(),
    judgmentsPerItem: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
    itemsPerWorker: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000"),
    leaseMinutes: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1440, "must be at most 1440 (one day)").default(30),
    instructions: z.string().trim().min(1, "enter the instructions crowdworkers read before judging"),
    completionCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, '-' or '_', such as C1A2B3C4"),
    completionUrl: z
      .url({ protocol: /^https$/, error: "must be an https URL, such as https://app.prolific.com/submissions/complete?cc=C1A2B3C4" })
      .optional()
      .or(z.literal("").transform(() => undefined)),
    minSecondsPerItem: countSetting(3600, "(one hour)"),
    attentionCheckEvery: countSetting(1000),
    goldItemsPerWorker: countSetting(1000),
    comprehensionCheck: z.boolean().default(false),
    qualityWarnThreshold: countSetting(100),
    qualityBlockThreshold: countSetting(100),
  })
  .refine((input) => !input.candidateSystemIds.includes(input.baselineSystemId), {
    path: ["candidateSystemIds"],
    message: "the baseline system cannot also be a candidate; untick it or choose another baseline",
  })
  .refine(
    (input) => input.qualityWarnThreshold === 0 || input.qualityBlockThreshold === 0 || input.qualityWarnThreshold < input.qualityBlockThreshold,
    {
      path: ["qualityWarnThreshold"],
      message: "must be below the block threshold, so crowdworkers are warned before they are blocked; lower it or set it to 0",
    },
  );

export type CreateStudyInput = z.input<typeof createStudySchema>;

type FieldErrors = Partial<Record<keyof CreateStudyInput, string[]>>;

/**
 * Create a DRAFT study after checking that the prompt set, systems and combinations exist.
 * Criteria default to every dimension of the chosen combinations. Throws INVALID_INPUT with
 * `details.fieldErrors` naming each invalid field.
 */
export async function createStudy({ actor, input }: { actor: Actor | null | undefined; input: CreateStudyInput }) {
  const creator = assertRole(actor, "RESEARCHER");

  const parsed = createStudySchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
    throw invalidInput(fieldErrors);
  }
  const settings = parsed.data;

  const criterionDimensionKeys = await checkReferences(settings);

  return db.study.create({
    data: {
      name: settings.name,
      promptSetId: settings.promptSetId,
      baselineSystemId: settings.baselineSystemId,
      criterionDimensionKeys,
      judgmentsPerItem: settings.judgmentsPerItem,
      itemsPerWorker: settings.itemsPerWorker,
      leaseMinutes: settings.leaseMinutes,
      instructions: settings.instructions,
      completionCode: settings.completionCode,
      completionUrl: settings.completionUrl ?? null,
      minSecondsPerItem: settings.minSecondsPerItem,
      attentionCheckEvery: settings.attentionCheckEvery,
      goldItemsPerWorker: settings.goldItemsPerWorker,
      comprehensionCheck: settings.comprehensionCheck,
      qualityWarnThreshold: settings.qualityWarnThreshold,
      qualityBlockThreshold: settings.qualityBlockThreshold,
      createdById: creator.id,
      candidates: { create: settings.candidateSystemIds.map((systemId) => ({ systemId })) },
      combinations: { create: settings.combinationIds.map((combinationId) => ({ combinationId })) },
    },
  });
}

/** Check every referenced row and return the criterion dimension keys in dimension order. */
async function checkReferences(settings: z.output<typeof createStudySchema>): Promise<string[]> {
  const systemIds = [settings.baselineSystemId, ...settings.candidateSystemIds];
  const [promptSet, systems, combinations] = await Promise.all([
    db.promptSet.findUnique({ where: { id: settings.promptSetId }, select: { id: true } }),
    db.system.findMany({ where: { id: { in: systemIds } }, select: { id: true } }),
    db.combination.findMany({
      where: { id: { in: settings.combinationIds } },
      select: { id: true, name: true, sides: { select: { side: { select: { dimension: { select: { key: true, position: true } } } } } } },
    }),
  ]);

  const fieldErrors: FieldErrors = {};
  if (!promptSet) {
    fieldErrors.promptSetId = [`prompt set ${settings.promptSetId} does not exist; choose one from the list`];
  }

  const foundSystems = new Set(systems.map((system) => system.id));
  if (!foundSystems.has(settings.baselineSystemId)) {
    fieldErrors.baselineSystemId = [`system ${settings.baselineSystemId} does not exist; choose one from the list`];
  }
  const missingCandidates = settings.candidateSystemIds.filter((id) => !foundSystems.has(id));
  if (missingCandidates.length > 0) {
    fieldErrors.candidateSystemIds = [`systems ${missingCandidates.join(", ")} do not exist; choose from the list`];
  }

  const foundCombinations = new Set(combinations.map((combination) => combination.id));
  const missingCombinations = settings.combinationIds.filter((id) => !foundCombinations.has(id));
  if (missingCombinations.length > 0) {
    fieldErrors.combinationIds = [`combinations ${missingCombinations.join(", ")} do not exist; choose from the list`];
  }

  if (Object.keys(fieldErrors).length > 0) {
    throw invalidInput(fieldErrors);
  }

  return resolveCriteria(settings.criterionDimensionKeys, combinations);
}

type CombinationDimensions = { name: string; sides: { side: { dimension: { key: string; position: number } } }[] };

/**
 * Every criterion must be a dimension of every chosen combination, because each item is
 * judged on the side its combination picks in that dimension.
 */
function resolveCriteria(requested: string[] | undefined, combinations: CombinationDimensions[]): string[] {
  const positionByKey = new Map<string, number>();
  for (const combination of combinations) {
    for (const { side } of combination.sides) {
      positionByKey.set(side.dimension.key, side.dimension.position);
    }
  }
  const ordered = (keys: string[]) => [...keys].sort((left, right) => positionByKey.get(left)! - positionByKey.get(right)!);

  const keys = requested ?? [...positionByKey.keys()];
  const unknown = keys.filter((key) => !positionByKey.has(key));
  if (unknown.length > 0) {
    throw invalidInput({
      criterionDimensionKeys: [`dimensions ${unknown.join(", ")} are not part of the chosen combinations; choose from ${ordered([...positionByKey.keys()]).join(", ")}`],
    });
  }

  for (const combination of combinations) {
    const dimensions = new Set(combination.sides.map(({ side }) => side.dimension.key));
    const uncovered = keys.filter((key) => !dimensions.has(key));
    if (uncovered.length > 0) {
      throw invalidInput({
        combinationIds: [`combination ${combination.name} has no side in ${uncovered.join(", ")}; untick it or drop that criterion`],
      });
    }
  }

  return ordered(keys);
}

function invalidInput(fieldErrors: FieldErrors): AppError {
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${(messages ?? []).join(", ")}`)
    .join("; ");
  return new AppError("INVALID_INPUT", `The study settings are invalid. ${summary}`, { fieldErrors });
}
