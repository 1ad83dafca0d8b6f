"use client";

import { useActionState } from "react";

import { createSideAction } from "@/app/(staff)/preferences/actions";
import { FormMessage } from "@/components/preferences/add-dimension-form";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

export function AddSideForm({ dimensions }: { dimensions: { key: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createSideAction, {});
  const errorFor = (field: string) => state.fieldErrors?.[field]?.join(" ");

  return (
    <form action={formAction} className="space-y-4">
      <h2 className="text-lg font-semibold">Add a side</h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Dimension" htmlFor="side-dimension" error={errorFor("dimensionKey")}>
          <select id="side-dimension" name="dimensionKey" required className={inputClassName}>
            {dimensions.map((dimension) => (
              <option key={dimension.key} value={dimension.key}>
                {dimension.key} {dimension.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Letter" htmlFor="side-letter" hint="One upper-case letter, such as C." error={errorFor("letter")}>
          <input id="side-letter" name="letter" required maxLength={1} pattern="[A-Z]" className={inputClassName} />
        </Field>
        <Field label="Short name" htmlFor="side-short-name" hint="Such as sassy." error={errorFor("shortName")}>
          <input id="side-short-name" name="shortName" required className={inputClassName} />
        </Field>
      </div>
      <Field label="Generation prompt" htmlFor="side-generation-prompt" hint="Appended to the instruction when generating responses." error={errorFor("generationPrompt")}>
        <textarea id="side-generation-prompt" name="generationPrompt" rows={2} required className={inputClassName} />
      </Field>
      <Field label="Judge criterion" htmlFor="side-judge-criterion" hint="What a judge is asked to pick." error={errorFor("judgeCriterion")}>
        <textarea id="side-judge-criterion" name="judgeCriterion" rows={2} required className={inputClassName} />
      </Field>
      <Field
        label="Crowdworker wording"
        htmlFor="side-worker-description"
        hint="Completes “This user …” for crowdworkers, lower-case and without a full stop, such as: enjoys a sassy tone"
        error={errorFor("workerDescription")}
      >
        <textarea id="side-worker-description" name="workerDescription" rows={2} required className={inputClassName} />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending || dimensions.length === 0}>
        {pending ? "Adding…" : "Add side"}
      </Button>
    </form>
  );
}
