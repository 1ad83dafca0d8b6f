"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { requireRole } from "@/lib/auth/require-role";
import type { TrainingJobStatus } from "@/lib/generated/prisma/enums";
import { toFormState, type FormState } from "@/lib/studies/to-form-state";
import { cancelTrainingJob } from "@/lib/training/cancel-training-job";
import { createTrainingBackend } from "@/lib/training/create-training-backend";
import { retryTrainingJob } from "@/lib/training/retry-training-job";
import { startMergeJob } from "@/lib/training/start-merge-job";
import { startTrainingJob } from "@/lib/training/start-training-job";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

export async function startTrainingJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let jobId: string;
  try {
    const user = await requireRole("ADMIN");
    const job = await startTrainingJob({
      actor: user,
      input: {
        name: text(formData, "name"),
        kind: text(formData, "kind") as "REWARD_MODEL" | "POLICY",
        backendId: text(formData, "backendId"),
        datasetExportId: text(formData, "datasetExportId"),
        baseModel: text(formData, "baseModel"),
        sideKey: text(formData, "sideKey") || undefined,
        systemName: text(formData, "systemName"),
        parameters: text(formData, "parameters"),
      },
    });
    jobId = job.id;
  } catch (error) {
    return toFormState(error, { action: "startTrainingJob" });
  }
  redirect(`/training/${jobId}`);
}

/** Form fields besides name, backendId, combinationId and systemName: adapter_<side key> and an optional weight_<side key> per side. */
export async function startMergeJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let jobId: string;
  try {
    const user = await requireRole("ADMIN");
    const sideKeys = [...formData.keys()].filter((name) => name.startsWith("adapter_")).map((name) => name.slice("adapter_".length));
    const job = await startMergeJob({
      actor: user,
      input: {
        name: text(formData, "name"),
        backendId: text(formData, "backendId"),
        combinationId: text(formData, "combinationId"),
        adapters: sideKeys.map((sideKey) => {
          const weight = text(formData, `weight_${sideKey}`).trim();
          return { artifactId: text(formData, `adapter_${sideKey}`), weight: weight === "" ? undefined : Number(weight) };
        }),
        systemName: text(formData, "systemName"),
        parameters: text(formData, "parameters"),
      },
    });
    jobId = job.id;
  } catch (error) {
    return toFormState(error, { action: "startMergeJob" });
  }
  redirect(`/training/${jobId}`);
}

export async function createTrainingBackendAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireRole("ADMIN");
    const backend = await createTrainingBackend({
      actor: user,
      input: { name: text(formData, "name"), kind: text(formData, "kind") as "COMMAND", settings: text(formData, "settings") },
    });
    revalidatePath("/training");
    return { saved: true, message: `Backend ${backend.name} added.` };
  } catch (error) {
    return toFormState(error, { action: "createTrainingBackend" });
  }
}

/** Form state of the job controls; `jobStatus` is the status a success message describes. */
export type TrainingJobActionState = FormState & { jobStatus?: TrainingJobStatus };

export async function retryTrainingJobAction(jobId: string): Promise<TrainingJobActionState> {
  try {
    const user = await requireRole("ADMIN");
    const { attempt } = await retryTrainingJob({ actor: user, jobId });
    revalidatePath(`/training/${jobId}`);
    return { saved: true, message: `Attempt ${attempt} queued.`, jobStatus: "QUEUED" };
  } catch (error) {
    return toFormState(error, { action: "retryTrainingJob", jobId });
  }
}

export async function cancelTrainingJobAction(jobId: string): Promise<TrainingJobActionState> {
  try {
    const user = await requireRole("ADMIN");
    const { status } = await cancelTrainingJob({ actor: user, jobId });
    revalidatePath(`/training/${jobId}`);
    return { saved: true, message: status === "CANCELLED" ? "Job cancelled." : "Cancel requested; the backend is stopping the job.", jobStatus: status };
  } catch (error) {
    return toFormState(error, { action: "cancelTrainingJob", jobId });
  }
}
