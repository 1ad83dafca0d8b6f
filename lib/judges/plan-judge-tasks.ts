import { createHash } from "node:crypto";

import { shownFirstFromSeed } from "@/lib/assignment/display-order";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { JudgeVersion } from "@/lib/generated/prisma/client";
import { judgeTemplatesSchema, renderJudgeMessages, type ChatMessage, type JudgeTemplates } from "@/lib/judges/judge-template";

/** Target of a run: a study's regular items, or a labelling set's pairs. */
export type JudgeRunTarget = { studyId: string } | { labelingSetId: string; criterionSideId?: string | null };

/** One request a run needs, identified by its cache key. */
export type JudgeTask = {
  cacheKey: string;
  studyItemId: string | null;
  labelingPairId: string | null;
  criterionSideId: string;
  swapped: boolean;
  messages: ChatMessage[];
  /** Estimated prompt tokens: characters / 3 plus 4 per message, an overestimate for English text. */
  estimatedPromptTokens: number;
};

export type JudgeTaskPlan = {
  itemCount: number;
  /** Neutral rollout pairs (empty preference prompt) left out, because they need no verdict. */
  neutralPairsSkipped: number;
  tasks: JudgeTask[];
};

type VersionSettings = Pick<JudgeVersion, "id" | "verdictMode" | "orderMode" | "templates">;
type Comparison = { criterionSideId: string; dimensionKey: string; criterion: string; preferences: string; instruction: string; first: string; second: string };

/**
 * List every request a run of `version` over `target` needs: one per item, criterion and
 * order. BOTH_ORDERS judges each comparison as stored and swapped; ONE_ORDER swaps it when
 * the MurmurHash3-derived order of (item id, criterion side id) puts the baseline (or output 2)
 * first, so the same item always gets the same order.
 */
export async function planJudgeTasks(version: VersionSettings, target: JudgeRunTarget): Promise<JudgeTaskPlan> {
  const templates = parseTemplates(version);
  const { itemCount, neutralPairsSkipped, comparisons } = "studyId" in target ? await loadStudyComparisons(target.studyId) : await loadLabelingComparisons(target);

  const tasks: JudgeTask[] = [];
  for (const { id, comparison } of comparisons) {
    const template = templates[comparison.dimensionKey];
    if (!template) {
      throw new AppError(
        "INVALID_INPUT",
        `Judge version ${version.id} has no prompt template for dimension ${comparison.dimensionKey}. Create a new version with a template under the key "${comparison.dimensionKey}".`,
      );
    }

    const orders = version.orderMode === "BOTH_ORDERS" ? [false, true] : [shownFirstFromSeed(seedOf(`${id}:${comparison.criterionSideId}`)) === "BASELINE"];
    for (const swapped of orders) {
      const [outputA, outputB] = swapped ? [comparison.second, comparison.first] : [comparison.first, comparison.second];
      const messages = renderJudgeMessages(template, { ...comparison, outputA, outputB }, version.verdictMode);
      const isStudy = "studyId" in target;

      tasks.push({
        cacheKey: hashKey([version.id, messages, comparison.instruction, outputA, outputB, swapped, comparison.criterionSideId]),
        studyItemId: isStudy ? id : null,
        labelingPairId: isStudy ? null : id,
        criterionSideId: comparison.criterionSideId,
        swapped,
        messages,
        estimatedPromptTokens: messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 3) + 4, 0),
      });
    }
  }
  return { itemCount, neutralPairsSkipped, tasks };
}

function parseTemplates(version: VersionSettings): JudgeTemplates {
  const parsed = judgeTemplatesSchema.safeParse(version.templates);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `The templates of judge version ${version.id} are invalid: ${parsed.error.issues[0]?.message}. Create a new version with valid templates.`);
  }
  return parsed.data;
}

type LoadedComparisons = { itemCount: number; neutralPairsSkipped: number; comparisons: { id: string; comparison: Comparison }[] };

async function loadStudyComparisons(studyId: string): Promise<LoadedComparisons> {
  const study = await db.study.findUnique({ where: { id: studyId }, select: { criterionDimensionKeys: true } });
  if (!study) {
    throw new AppError("NOT_FOUND", `Study ${studyId} was not found.`);
  }

  const items = await db.studyItem.findMany({
    where: { studyId, kind: "REGULAR" },
    orderBy: { id: "asc" },
    select: {
      id: true,
      prompt: { select: { text: true } },
      candidateResponse: { select: { text: true } },
      baselineResponse: { select: { text: true } },
      combination: {
        select: {
          sides: {
            orderBy: { position: "asc" },
            select: { side: { select: { id: true, generationPrompt: true, judgeCriterion: true, dimension: { select: { key: true } } } } },
          },
        },
      },
    },
  });

  const comparisons = items.flatMap((item) => {
    const sides = item.combination.sides.map(({ side }) => side);
    const preferences = sides.map((side) => side.generationPrompt).join(" ");

    return study.criterionDimensionKeys.flatMap((dimensionKey) => {
      const side = sides.find((candidate) => candidate.dimension.key === dimensionKey);
      if (!side) {
        return [];
      }
      return [
        {
          id: item.id,
          comparison: {
            criterionSideId: side.id,
            dimensionKey,
            criterion: side.judgeCriterion,
            preferences,
            instruction: item.prompt.text,
            first: item.candidateResponse.text,
            second: item.baselineResponse.text,
          },
        },
      ];
    });
  });
  return { itemCount: items.length, neutralPairsSkipped: 0, comparisons };
}

/**
 * Load a labelling set's pairs as comparisons. Neutral rollouts (an empty preference prompt)
 * exist only as the neutral side of reward-model comparisons, so they are skipped and counted.
 */
async function loadLabelingComparisons(target: { labelingSetId: string; criterionSideId?: string | null }): Promise<LoadedComparisons> {
  const set = await db.labelingSet.findUnique({ where: { id: target.labelingSetId }, select: { name: true, format: true } });
  if (!set) {
    throw new AppError("NOT_FOUND", `Labelling set ${target.labelingSetId} was not found.`);
  }

  const sideSelect = { id: true, key: true, generationPrompt: true, judgeCriterion: true, dimension: { select: { key: true } } } as const;
  const fallbackSide = target.criterionSideId ? await db.side.findUnique({ where: { id: target.criterionSideId }, select: sideSelect }) : null;
  if (target.criterionSideId && !fallbackSide) {
    throw new AppError("NOT_FOUND", `Criterion side ${target.criterionSideId} was not found. Choose a side from the list.`);
  }

  const pairs = await db.labelingPair.findMany({
    where: { labelingSetId: target.labelingSetId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, instruction: true, input: true, preferencePrompt: true, output1: true, output2: true, side: { select: sideSelect } },
  });

  const isNeutral = (pair: { preferencePrompt: string }) => set.format === "ROLLOUT" && pair.preferencePrompt.trim() === "";
  const judgedPairs = pairs.filter((pair) => !isNeutral(pair));

  const comparisons = judgedPairs.map((pair) => {
    const side = pair.side ?? fallbackSide;
    if (!side) {
      throw new AppError(
        "INVALID_INPUT",
        `Pair ${pair.position} of "${set.name}" has no preference side (its preference prompt matches none). Choose a criterion side for pairs without one.`,
      );
    }
    return {
      id: pair.id,
      comparison: {
        criterionSideId: side.id,
        dimensionKey: side.dimension.key,
        criterion: side.judgeCriterion,
        preferences: pair.preferencePrompt || side.generationPrompt,
        instruction: pair.input ? `${pair.instruction}\n\n${pair.input}` : pair.instruction,
        first: pair.output1,
        second: pair.output2,
      },
    };
  });
  return { itemCount: pairs.length, neutralPairsSkipped: pairs.length - judgedPairs.length, comparisons };
}

function seedOf(text: string): number {
  return createHash("sha256").update(text).digest().readInt32BE(0);
}

function hashKey(parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
