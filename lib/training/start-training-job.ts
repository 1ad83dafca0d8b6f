import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/logger";
import { baseModelSchema, jobNameSchema, parametersSchema, systemNameSchema, TRAINING_DATASET_KINDS } from "@/lib/training/training-input";
import { getStartQueue } from "@/lib/training/training-queues";
import type { TrainingSpec } from "@/lib/training/training-spec";

export const startTrainingJobSchema = z
  .object({
    name: jobNameSchema,
    kind: z.enum(["REWARD_MODEL", "POLICY"], "choose reward model or policy"),
    backendId: z.string().trim().min(1, "choose a backend"),
    datasetExportId: z.string().trim().min(1, "choose a completed export as the dataset"),
    baseModel: baseModelSchema,
    /** The side a POLICY is trained for, such as P1A. */
    sideKey: z.string().trim().optional(),
    systemName: systemNameSchema,
    parameters: parametersSchema,
  })
  .refine((input) => input.kind !== "POLICY" || Boolean(input.sideKey), { path: ["sideKey"], message: "choose the preference side the policy is trained for" });

export type StartTrainingJobInput = z.input<typeof startTrainingJobSchema>;

/**
 * Create a QUEUED reward-model or policy job on a COMPLETE training-set export and send it to
 * the worker. Throws INVALID_INPUT naming the field for a missing backend, export or side, or an
 * export of another kind (such as judgments), and CONFLICT
 * when the system name is taken, so a trained model never lands on an unrelated system.
 */
export async function startTrainingJob({ actor, input }: { actor: Actor | null | undefined; input: StartTrainingJobInput }) {
  const admin = assertRole(actor, "ADMIN");
  const parsed = startTrainingJobSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", formatZodError(parsed.error));
  }
  const { name, kind, backendId, datasetExportId, baseModel, sideKey, systemName, parameters } = parsed.data;

  const [backend, dataset, side] = await Promise.all([
    db.trainingBackend.findUnique({ where: { id: backendId } }),
    db.dataExport.findUnique({ where: { id: datasetExportId } }),
    kind === "POLICY" ? db.side.findUnique({ where: { key: sideKey } }) : null,
  ]);
  if (!backend) {
    throw new AppError("INVALID_INPUT", `Training backend ${backendId} does not exist; choose one from the list or add it first.`);
  }
  if (!dataset || dataset.status !== "COMPLETE" || !dataset.filePath) {
    const state = dataset ? `is ${dataset.status.toLowerCase()}` : "does not exist";
    throw new AppError("INVALID_INPUT", `Export ${datasetExportId} ${state}; choose a completed export as the dataset.`);
  }
  if (!(TRAINING_DATASET_KINDS as readonly string[]).includes(dataset.kind)) {
    throw new AppError(
      "INVALID_INPUT",
      `Export ${dataset.id} (${dataset.filePath}) is a ${dataset.kind} export, which contains no training rows; choose an export of kind ${TRAINING_DATASET_KINDS.join(", ")}.`,
    );
  }
  if (kind === "POLICY" && !side) {
    throw new AppError("INVALID_INPUT", `Preference side ${sideKey} does not exist; choose a side such as P1A.`);
  }
  await assertSystemNameFree(systemName);

  const spec: TrainingSpec = {
    version: 1,
    kind,
    name,
    baseModel,
    parameters,
    dataset: { exportId: dataset.id, kind: dataset.kind, format: dataset.format, filePath: dataset.filePath, sha256: dataset.sha256 },
    ...(side ? { side: { key: side.key, generationPrompt: side.generationPrompt, judgeCriterion: side.judgeCriterion } } : {}),
  };
  const job = await db.trainingJob.create({
    data: { name, kind, backendId, spec, datasetExportId, sideId: side?.id ?? null, systemName, createdById: admin.id },
  });
  await sendJob(getStartQueue(backend.kind), { trainingJobId: job.id, attempt: job.attempt });

  logger.info({ trainingJobId: job.id, kind, backend: backend.name, createdBy: admin.id }, "training job queued");
  return job;
}

/** Throws CONFLICT when a system or an unfinished job other than `exceptJobId` already uses `systemName`. */
export async function assertSystemNameFree(systemName: string, exceptJobId?: string): Promise<void> {
  const [system, job] = await Promise.all([
    db.system.findUnique({ where: { name: systemName } }),
    db.trainingJob.findFirst({ where: { systemName, status: { notIn: ["FAILED", "CANCELLED"] }, ...(exceptJobId ? { id: { not: exceptJobId } } : {}) } }),
  ]);

  if (system || job) {
    throw new AppError("CONFLICT", `The system name ${systemName} is already used by ${system ? "a system" : `training job ${job!.name}`}; choose another name.`);
  }
}
