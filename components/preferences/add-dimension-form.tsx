"use client";

import { useActionState } from "react";

import { createDimensionAction } from "@/app/(staff)/preferences/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

export function AddDimensionForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createDimensionAction, {});
  const errorFor = (field: string) => state.fieldErrors?.[field]?.join(" ");

  return (
    <form action={formAction} className="space-y-4">
      <h2 className="text-lg font-semibold">Add a dimension</h2>
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field label="Key" htmlFor="dimension-key" hint="Such as P4." error={errorFor("key")}>
          <input id="dimension-key" name="key" required pattern="[A-Z]+[0-9]+" className={inputClassName} />
        </Field>
        <Field label="Name" htmlFor="dimension-name" hint="Such as Safety." error={errorFor("name")}>
          <input id="dimension-name" name="name" required className={inputClassName} />
        </Field>
      </div>
      <Field label="Description" htmlFor="dimension-description" error={errorFor("description")}>
        <input id="dimension-description" name="description" className={inputClassName} />
      </Field>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add dimension"}
      </Button>
    </form>
  );
}

export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) {
    return null;
  }
  return (
    <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
      {state.message}
    </p>
  );
}
