import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/send-job";
import { logger } from "@/lib/logger";
import { normalizeMergeWeights } from "@/lib/training/normalize-merge-weights";
import { assertSystemNameFree } from "@/lib/training/start-training-job";
import { jobNameSchema, parametersSchema, systemNameSchema } from "@/lib/training/training-input";
import { getStartQueue } from "@/lib/training/training-queues";
import type { MergeAdapterSpec, TrainingSpec } from "@/lib/training/training-spec";

export const startMergeJobSchema = z.object({
  name: jobNameSchema,
  backendId: z.string().trim().min(1, "choose a backend"),
  combinationId: z.string().trim().min(1, "choose a combination"),
  /** One policy adapter per side of the combination; weights are optional and relative. */
  adapters: z
    .array(z.object({ artifactId: z.string().trim().min(1, "choose a policy adapter"), weight: z.number().optional() }))
    .min(1, "choose one policy adapter per side of the combination"),
  systemName: systemNameSchema,
  parameters: parametersSchema,
});

export type StartMergeJobInput = z.input<typeof startMergeJobSchema>;

/**
 * Create a QUEUED P-Soups merge of one policy adapter per side of a combination and send it
 * to the worker. Weights must be positive; they are scaled to sum to 1, and default to
 * uniform. Throws INVALID_INPUT when an adapter is not a policy, covers a side outside the
 * combination or a side twice, leaves a side without an adapter, or the adapters were
 * trained from different base models.
 */
export async function startMergeJob({ actor, input }: { actor: Actor | null | undefined; input: StartMergeJobInput }) {
  const admin = assertRole(actor, "ADMIN");
  const parsed = startMergeJobSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", formatZodError(parsed.error));
  }
  const { name, backendId, combinationId, adapters, systemName, parameters } = parsed.data;

  const [backend, combination, artifacts] = await Promise.all([
    db.trainingBackend.findUnique({ where: { id: backendId } }),
    db.combination.findUnique({ where: { id: combinationId }, include: { sides: { include: { side: true }, orderBy: { position: "asc" } } } }),
    db.systemArtifact.findMany({ where: { id: { in: adapters.map((adapter) => adapter.artifactId) } }, include: { side: true, system: true } }),
  ]);
  if (!backend) {
    throw new AppError("INVALID_INPUT", `Training backend ${backendId} does not exist; choose one from the list or add it first.`);
  }
  if (!combination) {
    throw new AppError("INVALID_INPUT", `Combination ${combinationId} does not exist; choose one from the list.`);
  }

  const artifactById = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
  const sideKeys = combination.sides.map(({ side }) => side.key);
  const coveredSides = new Set<string>();
  for (const { artifactId } of adapters) {
    const artifact = artifactById.get(artifactId);
    if (!artifact || artifact.kind !== "POLICY" || !artifact.side) {
      throw new AppError("INVALID_INPUT", `Artifact ${artifactId} is not a policy adapter trained for a side; choose adapters registered by policy jobs.`);
    }
    if (!sideKeys.includes(artifact.side.key)) {
      throw new AppError("INVALID_INPUT", `Adapter ${artifact.system.name} serves side ${artifact.side.key}, which is not in combination ${combination.name} (${sideKeys.join(", ")}).`);
    }
    if (coveredSides.has(artifact.side.key)) {
      throw new AppError("INVALID_INPUT", `Two adapters serve side ${artifact.side.key}; choose one adapter per side.`);
    }
    coveredSides.add(artifact.side.key);
  }
  const missing = sideKeys.filter((key) => !coveredSides.has(key));
  if (missing.length > 0) {
    throw new AppError("INVALID_INPUT", `No adapter chosen for side ${missing.join(", ")} of combination ${combination.name}; choose one policy adapter per side.`);
  }

  const chosen = adapters.map(({ artifactId }) => artifactById.get(artifactId)!);
  const baseModels = [...new Set(chosen.map((artifact) => artifact.baseModel))];
  if (baseModels.length > 1) {
    throw new AppError("INVALID_INPUT", `The adapters were trained from different base models (${baseModels.join(", ")}); merge adapters of one base model.`);
  }

  let weights: number[];
  try {
    weights = normalizeMergeWeights(adapters.map((adapter) => adapter.weight));
  } catch (error) {
    throw new AppError("INVALID_INPUT", (error as Error).message);
  }
  await assertSystemNameFree(systemName);

  const mergeAdapters: MergeAdapterSpec[] = chosen.map((artifact, index) => ({ artifactId: artifact.id, sideKey: artifact.side!.key, uri: artifact.uri, weight: weights[index] }));
  const spec: TrainingSpec = {
    version: 1,
    kind: "MERGE",
    name,
    baseModel: baseModels[0],
    parameters,
    combination: { id: combination.id, name: combination.name, sideKeys: combination.sideKeys },
    adapters: mergeAdapters,
  };
  const job = await db.trainingJob.create({ data: { name, kind: "MERGE", backendId, spec, combinationId, systemName, createdById: admin.id } });
  await sendJob(getStartQueue(backend.kind), { trainingJobId: job.id, attempt: job.attempt });

  logger.info({ trainingJobId: job.id, combination: combination.name, backend: backend.name, createdBy: admin.id }, "merge job queued");
  return job;
}
