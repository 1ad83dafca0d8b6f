"use client";

import { useActionState } from "react";

import { excludeCrowdworkerAction, revokeExclusionAction } from "@/app/(staff)/studies/[studyId]/actions";
import { Button } from "@/components/ui/button";
import { inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

/** Exclude a crowdworker with a reason, or revoke their exclusion, from one row of the quality table. */
export function ExclusionControls({ studyId, userId, pseudonym, excluded }: { studyId: string; userId: string; pseudonym: string; excluded: boolean }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    (_previous, formData) =>
      excluded ? revokeExclusionAction(studyId, userId) : excludeCrowdworkerAction(studyId, userId, String(formData.get("reason") ?? "")),
    {},
  );

  return (
    <form action={formAction} className="flex min-w-64 flex-wrap items-center gap-2">
      {!excluded && (
        <input
          name="reason"
          aria-label={`Reason for excluding ${pseudonym}`}
          placeholder="Reason"
          required
          maxLength={500}
          className={`${inputClassName} w-40`}
        />
      )}
      <Button type="submit" variant={excluded ? "secondary" : "danger"} disabled={pending} className="px-3 py-1">
        {excluded ? "Revoke exclusion" : "Exclude"}
      </Button>
      {state.message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-xs text-green-800" : "text-xs text-red-700"}>
          {state.message}
        </p>
      )}
    </form>
  );
}
