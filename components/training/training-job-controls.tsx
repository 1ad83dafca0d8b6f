"use client";

import { useActionState } from "react";

import { cancelTrainingJobAction, retryTrainingJobAction } from "@/app/(staff)/training/actions";
import { Button } from "@/components/ui/button";
import type { TrainingJobStatus } from "@/lib/generated/prisma/enums";
import type { FormState } from "@/lib/studies/to-form-state";

const CANCELLABLE: TrainingJobStatus[] = ["QUEUED", "SUBMITTED", "RUNNING", "CANCELLING"];

/** Retry and cancel buttons of one job, for admins. */
export function TrainingJobControls({ jobId, status }: { jobId: string; status: TrainingJobStatus }) {
  const [retryState, retry, retrying] = useActionState<FormState>(() => retryTrainingJobAction(jobId), {});
  const [cancelState, cancel, cancelling] = useActionState<FormState>(() => cancelTrainingJobAction(jobId), {});
  const state = retryState.message ? retryState : cancelState;

  return (
    <div className="flex flex-wrap items-center gap-3">
      {(status === "FAILED" || status === "CANCELLED") && (
        <form action={retry}>
          <Button type="submit" disabled={retrying}>
            Retry
          </Button>
        </form>
      )}
      {CANCELLABLE.includes(status) && (
        <form action={cancel}>
          <Button type="submit" variant="danger" disabled={cancelling}>
            {status === "CANCELLING" ? "Send cancel again" : "Cancel"}
          </Button>
        </form>
      )}
      {state.message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
