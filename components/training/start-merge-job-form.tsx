"use client";

import { useActionState, useState } from "react";

import { startMergeJobAction } from "@/app/(staff)/training/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

type Options = {
  backends: { id: string; name: string; kind: string }[];
  combinations: { id: string; name: string; sideKeys: string[] }[];
  adapters: { id: string; systemName: string; sideKey: string; baseModel: string }[];
};

/**
 * Start a P-Soups merge: one policy adapter per side of a combination, with optional weights.
 * Empty weights merge uniformly; given weights must be positive and are scaled to sum to 1.
 */
export function StartMergeJobForm({ options }: { options: Options }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(startMergeJobAction, {});
  const [combinationId, setCombinationId] = useState(options.combinations[0]?.id ?? "");
  const combination = options.combinations.find((candidate) => candidate.id === combinationId);

  return (
    <form action={formAction} className="space-y-4">
      <Field label="Job name" htmlFor="merge-name">
        <input id="merge-name" name="name" required maxLength={200} className={inputClassName} />
      </Field>
      <Field label="Combination" htmlFor="merge-combination">
        <select id="merge-combination" name="combinationId" value={combinationId} onChange={(event) => setCombinationId(event.target.value)} className={inputClassName}>
          {options.combinations.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name} ({candidate.sideKeys.join(", ")})
            </option>
          ))}
        </select>
      </Field>
      {combination?.sideKeys.map((sideKey) => {
        const choices = options.adapters.filter((adapter) => adapter.sideKey === sideKey);
        return (
          <div key={sideKey} className="grid grid-cols-[1fr_7rem] gap-3">
            <Field label={`Adapter for ${sideKey}`} htmlFor={`merge-adapter-${sideKey}`} hint={choices.length === 0 ? "No policy for this side yet; train one first." : undefined}>
              <select id={`merge-adapter-${sideKey}`} name={`adapter_${sideKey}`} required className={inputClassName}>
                {choices.map((adapter) => (
                  <option key={adapter.id} value={adapter.id}>
                    {adapter.systemName} ({adapter.baseModel})
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Weight" htmlFor={`merge-weight-${sideKey}`}>
              <input id={`merge-weight-${sideKey}`} name={`weight_${sideKey}`} type="number" min="0" step="any" placeholder="uniform" className={inputClassName} />
            </Field>
          </div>
        );
      })}
      <Field label="Backend" htmlFor="merge-backend">
        <select id="merge-backend" name="backendId" required className={inputClassName}>
          {options.backends.map((backend) => (
            <option key={backend.id} value={backend.id}>
              {backend.name} ({backend.kind.toLowerCase()})
            </option>
          ))}
        </select>
      </Field>
      <Field label="System name" htmlFor="merge-system" hint="The merged model is registered as this system.">
        <input id="merge-system" name="systemName" required maxLength={200} className={inputClassName} />
      </Field>
      <Button type="submit" disabled={pending || options.backends.length === 0 || !combination}>
        Start merge
      </Button>
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
