"use client";

import { useActionState, useState } from "react";

import { cancelTrainingJobAction, retryTrainingJobAction, type TrainingJobActionState } from "@/app/(staff)/training/actions";
import { Button } from "@/components/ui/button";
import type { TrainingJobStatus } from "@/lib/generated/prisma/enums";

const CANCELLABLE: TrainingJobStatus[] = ["QUEUED", "SUBMITTED", "RUNNING", "CANCELLING"];

/**
 * Retry and cancel buttons of one job, for admins. The message of the last action shows only
 * while the job is in the status it describes, so "Attempt 2 queued." disappears once the
 * attempt runs or finishes.
 */
export function TrainingJobControls({ jobId, status }: { jobId: string; status: TrainingJobStatus }) {
  const [state, act, pending] = useActionState<TrainingJobActionState, "retry" | "cancel">(
    (_previous, action) => (action === "retry" ? retryTrainingJobAction(jobId) : cancelTrainingJobAction(jobId)),
    {},
  );
  const [described, setDescribed] = useState<{ state: TrainingJobActionState; status: TrainingJobStatus }>();

  // A result without jobStatus (an error) describes the status the job had when it arrived.
  if (state.message && described?.state !== state) {
    setDescribed({ state, status: state.jobStatus ?? status });
  }
  const message = described?.state === state && described.status === status ? state.message : undefined;

  return (
    <div className="flex flex-wrap items-center gap-3">
      {(status === "FAILED" || status === "CANCELLED") && (
        <form action={() => act("retry")}>
          <Button type="submit" disabled={pending}>
            Retry
          </Button>
        </form>
      )}
      {CANCELLABLE.includes(status) && (
        <form action={() => act("cancel")}>
          <Button type="submit" variant="danger" disabled={pending}>
            {status === "CANCELLING" ? "Send cancel again" : "Cancel"}
          </Button>
        </form>
      )}
      {message && (
        <p role={state.saved ? "status" : "alert"} className={state.saved ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {message}
        </p>
      )}
    </div>
  );
}
