import { z } from "zod";

import type { ExportParameters } from "@/lib/exports/export-parameters";

/** Export kinds that contain training rows; a judgments export, for one, has none a trainer can read. */
export const TRAINING_DATASET_KINDS: readonly ExportParameters["kind"][] = ["reward-model", "labeling-pairs", "preference-pairs"];

/** Hugging Face ids, local paths and URIs; no spaces or shell characters. */
export const baseModelSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._\/:@+-]{1,300}$/, "must be a model id or path of letters, digits and . _ / : @ + -, such as huggyllama/llama-7b");

export const jobNameSchema = z.string().trim().min(1, "enter a job name").max(200, "must be at most 200 characters");

export const systemNameSchema = z.string().trim().min(1, "enter the name of the system the trained model becomes").max(200, "must be at most 200 characters");

/** Hyperparameters as typed into the form: a JSON object of strings, numbers and booleans, or nothing. */
export const parametersSchema = z
  .string()
  .trim()
  .default("")
  .transform((text, context) => {
    if (text === "") {
      return {};
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      context.addIssue({ code: "custom", message: `not valid JSON (${(error as Error).message}); enter an object such as {"learning_rate": 0.0001}` });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]), "must be a JSON object of strings, numbers and booleans"));
