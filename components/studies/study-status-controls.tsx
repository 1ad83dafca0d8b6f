"use client";

import { useActionState } from "react";

import { closeStudyAction, openStudyAction } from "@/app/(staff)/studies/[studyId]/actions";
import { Button } from "@/components/ui/button";
import type { StudyStatus } from "@/lib/generated/prisma/enums";
import type { FormState } from "@/lib/studies/to-form-state";

/** "Open study" for drafts and closed studies, "Close study" for open ones, with the latest outcome below. */
export function StudyStatusControls({ studyId, status }: { studyId: string; status: StudyStatus }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    (_previous, formData) => (formData.get("intent") === "close" ? closeStudyAction(studyId) : openStudyAction(studyId)),
    {},
  );

  return (
    <div className="space-y-2">
      <form action={formAction}>
        {status === "OPEN" ? (
          <Button type="submit" name="intent" value="close" variant="danger" disabled={pending}>
            {pending ? "Closing…" : "Close study"}
          </Button>
        ) : (
          <Button type="submit" name="intent" value="open" disabled={pending}>
            {pending ? "Opening…" : "Open study"}
          </Button>
        )}
      </form>
      {state.message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
