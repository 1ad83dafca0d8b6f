import { z } from "zod";

const seedSchema = z.coerce
  .number()
  .int("must be a whole number, such as 42")
  .min(0, "must be 0 or more")
  .max(2 ** 31 - 1, "must be at most 2147483647");

const evalFractionSchema = z.coerce
  .number()
  .min(0, "must be between 0 and 0.5, such as 0.1")
  .max(0.5, "must be between 0 and 0.5, such as 0.1");

const idSchema = (what: string) => z.string().trim().min(1, `choose the ${what}`);

/** Every judgment on a study's regular items, with its provenance. */
export const judgmentExportSchema = z.object({
  kind: z.literal("judgments"),
  format: z.enum(["csv", "jsonl"], "must be csv or jsonl"),
  studyId: idSchema("study"),
  judgeType: z.enum(["all", "human", "simulated"], "must be all, human or simulated").default("all"),
  /** `mark` keeps judgments of excluded crowdworkers with `excluded: true`, and `omit` leaves them out. */
  excludedCrowdworkers: z.enum(["mark", "omit"], "must be mark or omit").default("mark"),
});

/** The four reward-model comparisons per training prompt and side, built from a labelling set. */
export const rewardModelExportSchema = z.object({
  kind: z.literal("reward-model"),
  format: z.enum(["trl", "rlphf"], "must be trl or rlphf"),
  labelingSetId: idSchema("labelling set"),
  /** The judge version whose verdicts order the two positives. */
  judgeVersionId: idSchema("judge version that labelled the set"),
  layout: z.enum(["per-side", "multitask"], "must be per-side or multitask").default("multitask"),
  seed: seedSchema.default(0),
  evalFraction: evalFractionSchema.default(0.1),
});

/** Chosen and rejected responses from human judgments, for DPO-style training. */
export const preferencePairExportSchema = z.object({
  kind: z.literal("preference-pairs"),
  format: z.literal("trl", "must be trl"),
  studyId: idSchema("study"),
  seed: seedSchema.default(0),
  evalFraction: evalFractionSchema.default(0.1),
});

/** The pairs of a labelling set that one judge version preferred an output of, as chosen and rejected. */
export const labelingPairExportSchema = z.object({
  kind: z.literal("labeling-pairs"),
  format: z.enum(["trl", "rlphf"], "must be trl or rlphf"),
  labelingSetId: idSchema("labelling set"),
  judgeVersionId: idSchema("judge version that labelled the set"),
  seed: seedSchema.default(0),
  evalFraction: evalFractionSchema.default(0.1),
});

export const exportParametersSchema = z.discriminatedUnion(
  "kind",
  [judgmentExportSchema, rewardModelExportSchema, preferencePairExportSchema, labelingPairExportSchema],
  "must be judgments, reward-model, preference-pairs or labeling-pairs",
);

export type ExportParameters = z.output<typeof exportParametersSchema>;
export type ExportParametersInput = z.input<typeof exportParametersSchema>;
export type JudgmentExportParameters = z.output<typeof judgmentExportSchema>;
export type RewardModelExportParameters = z.output<typeof rewardModelExportSchema>;
export type PreferencePairExportParameters = z.output<typeof preferencePairExportSchema>;
export type LabelingPairExportParameters = z.output<typeof labelingPairExportSchema>;
