"use client";

import { useActionState, useState } from "react";

import { createTrainingBackendAction } from "@/app/(staff)/training/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

const EXAMPLES: Record<string, string> = {
  COMMAND: JSON.stringify({ commandTemplate: "torchrun --nproc_per_node 4 train.py --data {dataset} --out {output} --spec {spec}", workingDirectory: "/srv/trainer", timeoutMinutes: 720, passEnvironment: ["HF_HOME"] }, null, 2),
  WEBHOOK: JSON.stringify({ url: "https://trainer.example.org/jobs", secretEnv: "LADLE_TRAINING_WEBHOOK_SECRET", callbackBaseUrl: "https://ladle.example.org", outputRoot: "s3://bucket/ladle-runs" }, null, 2),
  RAY: JSON.stringify({ address: "http://ray-head:8265", entrypointTemplate: "python train.py --data {dataset} --out {output}", runtimeEnv: { working_dir: "s3://bucket/code.zip" }, entrypointNumGpus: 4, datasetRoot: "/mnt/ladle/exports", outputRoot: "s3://bucket/ladle-runs", pollSeconds: 30 }, null, 2),
};

/** Add a training backend; its settings are a JSON object whose fields depend on the kind. */
export function CreateTrainingBackendForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createTrainingBackendAction, {});
  const [kind, setKind] = useState("COMMAND");

  return (
    <form action={formAction} className="space-y-4">
      <Field label="Backend name" htmlFor="backend-name">
        <input id="backend-name" name="name" required maxLength={100} className={inputClassName} />
      </Field>
      <Field label="Kind" htmlFor="backend-kind">
        <select id="backend-kind" name="kind" value={kind} onChange={(event) => setKind(event.target.value)} className={inputClassName}>
          <option value="COMMAND">Command on the worker&apos;s machine</option>
          <option value="WEBHOOK">Webhook (signed job spec)</option>
          <option value="RAY">Ray cluster (Ray Jobs API)</option>
        </select>
      </Field>
      <Field
        label="Settings (JSON)"
        htmlFor="backend-settings"
        hint="Placeholders: {dataset}, {output}, {spec}, {job_id}, {attempt}, {kind}, {base_model}. Secrets are named by environment variable, never typed here. See docs/training.md."
      >
        <textarea id="backend-settings" name="settings" required rows={8} placeholder={EXAMPLES[kind]} className={`${inputClassName} font-mono`} />
      </Field>
      <Button type="submit" disabled={pending}>
        Add backend
      </Button>
      {state.message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
