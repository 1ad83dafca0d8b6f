import type { TrainingJobKind } from "@/lib/generated/prisma/enums";

/** Scalar hyperparameters passed through to the training code, such as learning_rate or epochs. */
export type TrainingParameters = Record<string, string | number | boolean>;

/** The dataset of a REWARD_MODEL or POLICY job: a COMPLETE data export. */
export type DatasetSpec = { exportId: string; kind: string; format: string; filePath: string; sha256: string | null };

/** One policy adapter of a merge, with its weight; the weights of a merge sum to 1. */
export type MergeAdapterSpec = { artifactId: string; sideKey: string; uri: string; weight: number };

/**
 * The work a job requests from its backend, stored on the job when it is created. Backends receive it
 * with the attempt's own values added (see AttemptSpec).
 */
export type TrainingSpec = {
  version: 1;
  kind: TrainingJobKind;
  name: string;
  baseModel: string;
  parameters: TrainingParameters;
  dataset?: DatasetSpec;
  side?: { key: string; generationPrompt: string; judgeCriterion: string };
  combination?: { id: string; name: string; sideKeys: string };
  adapters?: MergeAdapterSpec[];
};

/** The spec as one attempt sends it: where the backend reads the dataset and writes checkpoints. */
export type AttemptSpec = TrainingSpec & { jobId: string; attempt: number; datasetLocation: string | null; outputLocation: string };
