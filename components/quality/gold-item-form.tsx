"use client";

import { useActionState } from "react";

import { markGoldItemAction } from "@/app/(staff)/studies/[studyId]/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

/** Mark an item as gold: its id and the expected verdict per criterion, in candidate/baseline terms. */
export function GoldItemForm({ studyId, criteria }: { studyId: string; criteria: { key: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    (previous, formData) => markGoldItemAction(studyId, previous, formData),
    {},
  );

  return (
    <form action={formAction} className="space-y-3" data-testid="gold-item-form">
      <div className="grid gap-4 sm:grid-cols-4">
        <Field label="Item id" htmlFor="studyItemId" hint="The item_id column of the judgments CSV.">
          <input id="studyItemId" name="studyItemId" required className={inputClassName} />
        </Field>
        {criteria.map((criterion) => (
          <Field key={criterion.key} label={`Expected on ${criterion.key} ${criterion.name}`} htmlFor={`expected_${criterion.key}`}>
            <select id={`expected_${criterion.key}`} name={`expected_${criterion.key}`} defaultValue="" className={inputClassName}>
              <option value="">Not scored</option>
              <option value="CANDIDATE">Candidate better</option>
              <option value="TIE">Tie</option>
              <option value="BASELINE">Baseline better</option>
            </select>
          </Field>
        ))}
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Mark as gold"}
      </Button>
      {state.message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
