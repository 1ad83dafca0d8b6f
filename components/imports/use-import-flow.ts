"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

type ActionResult<Report> = { ok: true; report: Report } | { ok: false; message: string; report?: Report };

/**
 * Steps of an upload: editing the form, a preview report awaiting confirmation, the imported
 * result, or a failure with its message (and the report, when the server sent one).
 */
export type ImportFlowState<Input, Report> =
  | { step: "editing" }
  | { step: "previewed"; input: Input; report: Report }
  | { step: "imported"; report: Report }
  | { step: "failed"; message: string; report?: Report };

/**
 * Run the preview-then-confirm flow of one upload form. The confirmed import sends exactly
 * the input that was previewed, and both steps are disabled while a request is pending.
 */
export function useImportFlow<Input, Report>({
  preview,
  confirm,
}: {
  preview: (input: Input) => Promise<ActionResult<Report>>;
  confirm: (input: Input) => Promise<ActionResult<Report>>;
}) {
  const router = useRouter();
  const [state, setState] = useState<ImportFlowState<Input, Report>>({ step: "editing" });
  const [pending, startTransition] = useTransition();

  function runPreview(readInput: () => Promise<Input>) {
    startTransition(async () => {
      const input = await readInput();
      const result = await preview(input);
      setState(result.ok ? { step: "previewed", input, report: result.report } : { step: "failed", message: result.message, report: result.report });
    });
  }

  function runImport() {
    if (state.step !== "previewed") {
      return;
    }

    const { input } = state;
    startTransition(async () => {
      const result = await confirm(input);
      setState(result.ok ? { step: "imported", report: result.report } : { step: "failed", message: result.message, report: result.report });
      if (result.ok) {
        router.refresh();
      }
    });
  }

  function reset() {
    setState({ step: "editing" });
  }

  return { state, pending, runPreview, runImport, reset };
}
