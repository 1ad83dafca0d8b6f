import { z } from "zod";

import type { TrainingBackendKind } from "@/lib/generated/prisma/enums";
import { renderShellCommand, splitCommandTemplate, TEMPLATE_PLACEHOLDERS, type TemplateValues } from "@/lib/training/command-template";

const SAMPLE_VALUES = Object.fromEntries(TEMPLATE_PLACEHOLDERS.map((name) => [name, "x"])) as TemplateValues;

const environmentVariableName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name in capitals, such as LADLE_TRAINING_WEBHOOK_SECRET");

/** Settings of a COMMAND backend, which runs one process per attempt on the worker's machine. */
export const commandSettingsSchema = z.object({
  /** Program and arguments, split into argv words without a shell, such as `torchrun --nproc_per_node 4 train.py --data {dataset} --out {output}`. */
  commandTemplate: z.string().trim().min(1, "enter the command to run").superRefine(checkTemplate(splitCommandTemplate)),
  /** Directory the command starts in; the worker's directory when unset. */
  workingDirectory: z.string().trim().min(1).optional(),
  /** Minutes after which the process group is stopped. pg-boss keeps a job active for 24 hours at most, so that is the limit. */
  timeoutMinutes: z.number().int("must be a whole number").min(1, "must be at least 1").max(1440, "must be at most 1440 (24 hours)").default(1440),
  /** Names of the worker's environment variables passed to the command besides PATH, HOME, LANG, TZ, TMPDIR and CUDA_VISIBLE_DEVICES. */
  passEnvironment: z.array(environmentVariableName).default([]),
});

/** Settings of a WEBHOOK backend, an outside service that receives signed job specs. */
export const webhookSettingsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http or https URL, such as https://trainer.example.org/jobs" }),
  /** Environment variable, read by the web app and the worker, that contains the shared HMAC secret. */
  secretEnv: environmentVariableName,
  /** Origin under which the service reaches this app for status callbacks, such as https://ladle.example.org. */
  callbackBaseUrl: z.url({ protocol: /^https?$/, error: "must be the http or https origin of this app, such as https://ladle.example.org" }),
  /** Path or URI under which the service reads the export directory; the local export directory when unset. */
  datasetRoot: z.string().trim().min(1).optional(),
  /** Path or URI under which the service writes checkpoints, one folder per job and attempt. */
  outputRoot: z.string().trim().min(1, "enter where the service writes checkpoints, such as s3://bucket/ladle"),
  timeoutSeconds: z.number().int().min(1).max(300).default(10),
});

/** Settings of a RAY backend, driven through the Ray Jobs REST API of the cluster's dashboard. */
export const raySettingsSchema = z.object({
  /** Dashboard address of the head node, such as http://ray-head:8265. */
  address: z.url({ protocol: /^https?$/, error: "must be the http or https address of the Ray dashboard, such as http://ray-head:8265" }),
  /** Shell command Ray runs; Ladle quotes every substituted value. */
  entrypointTemplate: z.string().trim().min(1, "enter the entrypoint command").superRefine(checkTemplate((template) => renderShellCommand(template, SAMPLE_VALUES))),
  runtimeEnv: z.record(z.string(), z.unknown()).default({}),
  entrypointNumGpus: z.number().min(0).optional(),
  entrypointNumCpus: z.number().min(0).optional(),
  datasetRoot: z.string().trim().min(1).optional(),
  outputRoot: z.string().trim().min(1, "enter where the cluster writes checkpoints, such as s3://bucket/ladle"),
  /** Seconds between status polls by the worker. */
  pollSeconds: z.number().int().min(1).max(3600).default(30),
});

export type CommandSettings = z.output<typeof commandSettingsSchema>;
export type WebhookSettings = z.output<typeof webhookSettingsSchema>;
export type RaySettings = z.output<typeof raySettingsSchema>;

export const BACKEND_SETTINGS_SCHEMAS = {
  COMMAND: commandSettingsSchema,
  WEBHOOK: webhookSettingsSchema,
  RAY: raySettingsSchema,
} as const satisfies Record<TrainingBackendKind, z.ZodType>;

function checkTemplate(check: (template: string) => unknown) {
  return (template: string, context: z.RefinementCtx) => {
    try {
      check(template);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
    }
  };
}
