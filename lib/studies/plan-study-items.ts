import { db } from "@/lib/db/prisma";

export type PlannedItem = {
  promptId: string;
  combinationId: string;
  candidateResponseId: string;
  baselineResponseId: string;
};

export type CandidatePlan = { systemId: string; systemName: string; itemCount: number };

export type StudyItemPlan = {
  promptCount: number;
  baselineSystemName: string;
  candidates: CandidatePlan[];
  items: PlannedItem[];
};

/**
 * Work out the items of a study: for every prompt of the set, every combination and every
 * candidate, pair the candidate's response with the baseline's. Each side uses its response
 * generated for that combination, or else its response generated without one; pairs missing
 * either response are skipped.
 */
export async function planStudyItems(options: {
  promptSetId: string;
  baselineSystemId: string;
  candidateSystemIds: string[];
  combinationIds: string[];
}): Promise<StudyItemPlan> {
  const systemIds = [options.baselineSystemId, ...options.candidateSystemIds];

  const [prompts, systems, responses] = await Promise.all([
    db.prompt.findMany({ where: { promptSetId: options.promptSetId }, select: { id: true }, orderBy: { position: "asc" } }),
    db.system.findMany({ where: { id: { in: systemIds } }, select: { id: true, name: true } }),
    db.response.findMany({
      where: {
        prompt: { promptSetId: options.promptSetId },
        systemId: { in: systemIds },
        OR: [{ combinationId: null }, { combinationId: { in: options.combinationIds } }],
      },
      select: { id: true, promptId: true, systemId: true, combinationId: true },
    }),
  ]);

  const responseIds = new Map(responses.map((response) => [responseKey(response.promptId, response.systemId, response.combinationId), response.id]));
  const findResponse = (promptId: string, systemId: string, combinationId: string) =>
    responseIds.get(responseKey(promptId, systemId, combinationId)) ?? responseIds.get(responseKey(promptId, systemId, null));

  const items: PlannedItem[] = [];
  const itemCounts = new Map<string, number>(options.candidateSystemIds.map((id) => [id, 0]));
  for (const prompt of prompts) {
    for (const combinationId of options.combinationIds) {
      const baselineResponseId = findResponse(prompt.id, options.baselineSystemId, combinationId);
      if (!baselineResponseId) {
        continue;
      }

      for (const candidateSystemId of options.candidateSystemIds) {
        const candidateResponseId = findResponse(prompt.id, candidateSystemId, combinationId);
        if (!candidateResponseId) {
          continue;
        }
        items.push({ promptId: prompt.id, combinationId, candidateResponseId, baselineResponseId });
        itemCounts.set(candidateSystemId, itemCounts.get(candidateSystemId)! + 1);
      }
    }
  }

  const nameById = new Map(systems.map((system) => [system.id, system.name]));
  return {
    promptCount: prompts.length,
    baselineSystemName: nameById.get(options.baselineSystemId) ?? options.baselineSystemId,
    candidates: options.candidateSystemIds.map((systemId) => ({
      systemId,
      systemName: nameById.get(systemId) ?? systemId,
      itemCount: itemCounts.get(systemId)!,
    })),
    items,
  };
}

function responseKey(promptId: string, systemId: string, combinationId: string | null): string {
  return `${promptId}|${systemId}|${combinationId ?? ""}`;
}
