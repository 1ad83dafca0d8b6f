"use client";

import { useActionState, useState } from "react";

import { startTrainingJobAction } from "@/app/(staff)/training/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

type Options = {
  backends: { id: string; name: string; kind: string }[];
  exports: { id: string; label: string }[];
  sideKeys: string[];
};

/** Start a reward-model or policy job on a completed training-set export. */
export function StartTrainingJobForm({ options }: { options: Options }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(startTrainingJobAction, {});
  const [kind, setKind] = useState("REWARD_MODEL");

  return (
    <form action={formAction} className="space-y-4">
      <Field label="Job name" htmlFor="training-name">
        <input id="training-name" name="name" required maxLength={200} className={inputClassName} />
      </Field>
      <Field label="Kind" htmlFor="training-kind">
        <select id="training-kind" name="kind" value={kind} onChange={(event) => setKind(event.target.value)} className={inputClassName}>
          <option value="REWARD_MODEL">Reward model</option>
          <option value="POLICY">Policy for one preference side</option>
        </select>
      </Field>
      {kind === "POLICY" && (
        <Field label="Preference side" htmlFor="training-side">
          <select id="training-side" name="sideKey" required className={inputClassName}>
            {options.sideKeys.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="Backend" htmlFor="training-backend">
        <select id="training-backend" name="backendId" required className={inputClassName}>
          {options.backends.map((backend) => (
            <option key={backend.id} value={backend.id}>
              {backend.name} ({backend.kind.toLowerCase()})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Dataset (completed export)" htmlFor="training-dataset" hint="Training-set exports only: reward-model, labeling-pairs or preference-pairs.">
        <select id="training-dataset" name="datasetExportId" required className={inputClassName}>
          {options.exports.map((dataExport) => (
            <option key={dataExport.id} value={dataExport.id}>
              {dataExport.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Base model" htmlFor="training-base-model" hint="A Hugging Face id or a path the backend can read, such as huggyllama/llama-7b.">
        <input id="training-base-model" name="baseModel" required className={inputClassName} />
      </Field>
      <Field label="System name" htmlFor="training-system" hint="The finished model is registered as this system, ready for output uploads and studies.">
        <input id="training-system" name="systemName" required maxLength={200} className={inputClassName} />
      </Field>
      <Field label="Parameters (JSON, optional)" htmlFor="training-parameters" hint='Passed to the training code in the spec, such as {"learning_rate": 0.0001, "epochs": 1}.'>
        <textarea id="training-parameters" name="parameters" rows={3} className={`${inputClassName} font-mono`} />
      </Field>
      <Button type="submit" disabled={pending || options.backends.length === 0 || options.exports.length === 0}>
        Start job
      </Button>
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
