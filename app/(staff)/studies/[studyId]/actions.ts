"use server";

import { revalidatePath } from "next/cache";

import { requireRole } from "@/lib/auth/require-role";
import { excludeCrowdworker } from "@/lib/quality/exclude-crowdworker";
import { markGoldItem, type MarkGoldItemInput } from "@/lib/quality/mark-gold-item";
import { revokeExclusion } from "@/lib/quality/revoke-exclusion";
import { closeStudy } from "@/lib/studies/close-study";
import { openStudy } from "@/lib/studies/open-study";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";

export async function openStudyAction(studyId: string): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    const { itemCount, createdItems } = await openStudy({ actor: user, studyId });
    revalidatePath(`/studies/${studyId}`);
    return { saved: true, message: createdItems > 0 ? `Study opened with ${itemCount} items.` : "Study opened." };
  } catch (error) {
    return toFormState(error, { action: "openStudy", studyId });
  }
}

export async function closeStudyAction(studyId: string): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    await closeStudy({ actor: user, studyId });
    revalidatePath(`/studies/${studyId}`);
    return { saved: true, message: "Study closed." };
  } catch (error) {
    return toFormState(error, { action: "closeStudy", studyId });
  }
}

export async function excludeCrowdworkerAction(studyId: string, userId: string, reason: string): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    await excludeCrowdworker({ actor: user, studyId, userId, reason });
    revalidatePath(`/studies/${studyId}`);
    return { saved: true, message: "Crowdworker excluded from the results." };
  } catch (error) {
    return toFormState(error, { action: "excludeCrowdworker", studyId, userId });
  }
}

export async function revokeExclusionAction(studyId: string, userId: string): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    await revokeExclusion({ actor: user, studyId, userId });
    revalidatePath(`/studies/${studyId}`);
    return { saved: true, message: "Exclusion revoked; the crowdworker's judgments count again." };
  } catch (error) {
    return toFormState(error, { action: "revokeExclusion", studyId, userId });
  }
}

/** Form fields: studyItemId, and expected_<dimension key> set to CANDIDATE, TIE, BASELINE or "" (not scored). */
export async function markGoldItemAction(studyId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    const expectedVerdicts = Object.fromEntries(
      [...formData.entries()]
        .filter(([name, value]) => name.startsWith("expected_") && value !== "")
        .map(([name, value]) => [name.slice("expected_".length), String(value)]),
    );
    const studyItemId = String(formData.get("studyItemId") ?? "");
    await markGoldItem({ actor: user, studyId, input: { studyItemId, expectedVerdicts } as MarkGoldItemInput });
    revalidatePath(`/studies/${studyId}`);
    return { saved: true, message: `Item ${studyItemId.trim()} is now a gold item.` };
  } catch (error) {
    return toFormState(error, { action: "markGoldItem", studyId });
  }
}
