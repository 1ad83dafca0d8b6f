"use server";

import { revalidatePath } from "next/cache";

import { requireRole } from "@/lib/auth/require-role";
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
