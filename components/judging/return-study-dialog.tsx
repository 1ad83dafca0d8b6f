"use client";

import { useActionState, useRef } from "react";

import { returnStudyAction, type ReturnStudyState } from "@/app/study/[studyId]/return/actions";
import { Button } from "@/components/ui/button";

/**
 * Render the "Return this study" button and its confirmation dialog. `onConfirm` runs just
 * before the return is sent, so the caller can discard the draft of the current item.
 */
export function ReturnStudyDialog({ studyId, onConfirm }: { studyId: string; onConfirm: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState<ReturnStudyState, FormData>(returnStudyAction, {});

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()}>
        Return this study
      </Button>

      <dialog
        ref={dialog}
        aria-labelledby="return-dialog-heading"
        aria-describedby="return-dialog-description"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-6 shadow-lg backdrop:bg-slate-900/40"
      >
        <h2 id="return-dialog-heading" className="text-lg font-semibold">
          Return this study?
        </h2>
        <p id="return-dialog-description" className="mt-2 text-sm text-slate-700">
          You stop here and will not receive a completion code. Your answers on this item are discarded and the item goes
          to another participant. Judgments you already submitted are kept.
        </p>
        <form action={formAction} onSubmit={onConfirm} className="mt-4 space-y-3">
          <input type="hidden" name="studyId" value={studyId} />
          {state.message && (
            <p role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          )}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
              Yes, return the study
            </Button>
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              Keep judging
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
