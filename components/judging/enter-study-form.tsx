"use client";

import { useActionState } from "react";

import { enterStudyAction, type EnterStudyState } from "@/app/study/[studyId]/actions";
import { Button } from "@/components/ui/button";

/** Hidden copy of the study link's parameters, sent to the entry Server Action by "Continue". */
export function EnterStudyForm(props: {
  studyId: string;
  prolificPid: string;
  prolificStudyId: string;
  prolificSessionId: string;
}) {
  const [state, formAction, pending] = useActionState<EnterStudyState, FormData>(enterStudyAction, {});

  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="studyId" value={props.studyId} />
      <input type="hidden" name="prolificPid" value={props.prolificPid} />
      <input type="hidden" name="prolificStudyId" value={props.prolificStudyId} />
      <input type="hidden" name="prolificSessionId" value={props.prolificSessionId} />
      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        Continue
      </Button>
    </form>
  );
}
