import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { planStudyItems, type CandidatePlan } from "@/lib/studies/plan-study-items";

export type StudyItemPreview = { promptCount: number; baselineSystemName: string; candidates: CandidatePlan[]; totalItems: number };

/** Count the items each candidate would get if a study with these settings were opened now. */
export async function previewStudyItems({
  actor,
  promptSetId,
  baselineSystemId,
  candidateSystemIds,
  combinationIds,
}: {
  actor: Actor | null | undefined;
  promptSetId: string;
  baselineSystemId: string;
  candidateSystemIds: string[];
  combinationIds: string[];
}): Promise<StudyItemPreview> {
  assertRole(actor, "RESEARCHER");

  const candidates = candidateSystemIds.filter((id) => id !== baselineSystemId);
  const plan = await planStudyItems({ promptSetId, baselineSystemId, candidateSystemIds: candidates, combinationIds });

  return {
    promptCount: plan.promptCount,
    baselineSystemName: plan.baselineSystemName,
    candidates: plan.candidates,
    totalItems: plan.items.length,
  };
}
