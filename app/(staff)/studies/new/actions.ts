"use server";

import { redirect } from "next/navigation";
import { z } from "zod";

import { requireRole } from "@/lib/auth/require-role";
import { createStudy } from "@/lib/studies/create-study";
import { previewStudyItems, type StudyItemPreview } from "@/lib/studies/preview-study-items";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";

const previewSchema = z.object({
  promptSetId: z.string().min(1),
  baselineSystemId: z.string().min(1),
  candidateSystemIds: z.array(z.string().min(1)).max(200),
  combinationIds: z.array(z.string().min(1)).max(1000),
});

export async function createStudyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let studyId: string;
  try {
    const user = await requireRole("RESEARCHER");
    const text = (name: string) => String(formData.get(name) ?? "");
    const study = await createStudy({
      actor: user,
      input: {
        name: text("name"),
        promptSetId: text("promptSetId"),
        baselineSystemId: text("baselineSystemId"),
        candidateSystemIds: formData.getAll("candidateSystemIds").map(String),
        combinationIds: formData.getAll("combinationIds").map(String),
        criterionDimensionKeys: formData.getAll("criterionDimensionKeys").map(String),
        judgmentsPerItem: text("judgmentsPerItem"),
        itemsPerWorker: text("itemsPerWorker"),
        leaseMinutes: text("leaseMinutes"),
        instructions: text("instructions"),
        completionCode: text("completionCode"),
        completionUrl: text("completionUrl"),
        minSecondsPerItem: text("minSecondsPerItem"),
        attentionCheckEvery: text("attentionCheckEvery"),
        goldItemsPerWorker: text("goldItemsPerWorker"),
        comprehensionCheck: formData.get("comprehensionCheck") === "on",
        qualityWarnThreshold: text("qualityWarnThreshold"),
        qualityBlockThreshold: text("qualityBlockThreshold"),
      },
    });
    studyId = study.id;
  } catch (error) {
    return toFormState(error, { action: "createStudy" });
  }

  redirect(`/studies/${studyId}`);
}

/** Count the items each candidate would get; returns null until a prompt set and baseline are chosen. */
export async function previewStudyAction(input: z.input<typeof previewSchema>): Promise<StudyItemPreview | null> {
  const user = await requireRole("RESEARCHER");

  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) {
    return null;
  }
  return previewStudyItems({ actor: user, ...parsed.data });
}
