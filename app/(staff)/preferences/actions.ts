"use server";

import { revalidatePath } from "next/cache";

import { requireRole } from "@/lib/auth/require-role";
import { createDimension } from "@/lib/preferences/create-dimension";
import { createSide } from "@/lib/preferences/create-side";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";

export async function createDimensionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    const dimension = await createDimension({
      actor: user,
      input: {
        key: String(formData.get("key") ?? ""),
        name: String(formData.get("name") ?? ""),
        description: String(formData.get("description") ?? ""),
      },
    });
    revalidatePath("/preferences");
    return { saved: true, message: `Dimension ${dimension.key} added. Add at least one side so it takes part in combinations.` };
  } catch (error) {
    return toFormState(error, { action: "createDimension" });
  }
}

export async function createSideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireRole("RESEARCHER");
    const text = (name: string) => String(formData.get(name) ?? "");
    const { side, combinationsCreated } = await createSide({
      actor: user,
      input: {
        dimensionKey: text("dimensionKey"),
        letter: text("letter"),
        shortName: text("shortName"),
        generationPrompt: text("generationPrompt"),
        judgeCriterion: text("judgeCriterion"),
        workerDescription: text("workerDescription"),
      },
    });
    revalidatePath("/preferences");
    return { saved: true, message: `Side ${side.key} added; ${combinationsCreated} new combinations stored.` };
  } catch (error) {
    return toFormState(error, { action: "createSide" });
  }
}
