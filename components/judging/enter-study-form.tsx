"use client";

import { useActionState } from "react";

import { enterStudyAction, type EnterStudyState } from "@/app/study/[studyId]/actions";
import { browserStorage, buildEntryPath, saveEntryPath } from "@/components/judging/judging-draft";
import { Button } from "@/components/ui/button";

/**
 * Hidden copy of the study link's parameters, sent to the entry Server Action by "Continue".
 * The link is also saved in this browser, so the judging screen can send a crowdworker
 * whose session expired back through it to sign in as the same participant.
 */
export function EnterStudyForm(props: {
  studyId: string;
  prolificPid: string;
  prolificStudyId: string;
  prolificSessionId: string;
}) {
  const [state, formAction, pending] = useActionState<EnterStudyState, FormData>(enterStudyAction, {});

  return (
    <form
      action={formAction}
      onSubmit={() => saveEntryPath(browserStorage(), props.studyId, buildEntryPath(props))}
      className="space-y-4"
    >
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
