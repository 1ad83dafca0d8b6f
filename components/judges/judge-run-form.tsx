"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { previewJudgeRunAction, startJudgeRunAction } from "@/app/(staff)/admin/judges/actions";
import { ReportCounts } from "@/components/imports/import-report-tables";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { JudgeRunPreview } from "@/lib/judges/plan-judge-run-preview";

type Option = { id: string; label: string };
type RunInput = { judgeVersionId: string; targetKind: "study" | "labeling"; targetId: string; criterionSideId: string; budgetUsd: string };

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

/**
 * Preview-then-start form for a judge run. "Start run" sends exactly the previewed input and
 * is disabled from the first click until the server responds. The server also returns the
 * active run instead of starting a second one.
 */
export function JudgeRunForm({ versions, studies, labelingSets, sides }: { versions: Option[]; studies: Option[]; labelingSets: Option[]; sides: Option[] }) {
  const router = useRouter();
  const [input, setInput] = useState<RunInput>({ judgeVersionId: versions[0]?.id ?? "", targetKind: "study", targetId: "", criterionSideId: "", budgetUsd: "" });
  const [preview, setPreview] = useState<{ input: RunInput; report: JudgeRunPreview }>();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, startTransition] = useTransition();
  const [starting, setStarting] = useState(false);

  const update = (name: keyof RunInput) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setInput((current) => ({ ...current, [name]: event.target.value, ...(name === "targetKind" ? { targetId: "" } : {}) }));
    setPreview(undefined);
    setMessage(undefined);
  };

  function handlePreview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await previewJudgeRunAction(input);
      if (result.ok) {
        setPreview({ input, report: result.value });
      } else {
        setMessage({ tone: "error", text: result.message });
      }
    });
  }

  function handleStart() {
    if (!preview || starting) {
      return;
    }
    setStarting(true);
    startTransition(async () => {
      const result = await startJudgeRunAction(preview.input);
      setStarting(false);
      setPreview(undefined);
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        return;
      }
      setMessage({ tone: "success", text: result.value.created ? "Run queued. The worker picks it up within seconds." : "This run is already queued or running; showing it below." });
      router.refresh();
    });
  }

  const targets = input.targetKind === "study" ? studies : labelingSets;

  return (
    <div className="space-y-4">
      <form onSubmit={handlePreview} className="grid gap-4 md:grid-cols-3">
        <Field label="Version" htmlFor="run-version">
          <select id="run-version" value={input.judgeVersionId} onChange={update("judgeVersionId")} className={inputClassName}>
            {versions.map((version) => (
              <option key={version.id} value={version.id}>
                {version.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Judge" htmlFor="run-target-kind">
          <select id="run-target-kind" value={input.targetKind} onChange={update("targetKind")} className={inputClassName}>
            <option value="study">A study&apos;s items</option>
            <option value="labeling">A labelling set&apos;s pairs</option>
          </select>
        </Field>
        <Field label={input.targetKind === "study" ? "Study" : "Labelling set"} htmlFor="run-target">
          <select id="run-target" value={input.targetId} onChange={update("targetId")} required className={inputClassName}>
            <option value="">Choose…</option>
            {targets.map((target) => (
              <option key={target.id} value={target.id}>
                {target.label}
              </option>
            ))}
          </select>
        </Field>
        {input.targetKind === "labeling" && (
          <Field label="Criterion for pairs without a side" htmlFor="run-criterion" hint="Used for AlpacaFarm pairs and for rollouts whose preference prompt matches no side. Neutral rollouts are skipped.">
            <select id="run-criterion" value={input.criterionSideId} onChange={update("criterionSideId")} className={inputClassName}>
              <option value="">None</option>
              {sides.map((side) => (
                <option key={side.id} value={side.id}>
                  {side.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Budget (USD)" htmlFor="run-budget" hint="The run stops before a call that could exceed it. Empty: no cap.">
          <input id="run-budget" inputMode="decimal" value={input.budgetUsd} onChange={update("budgetUsd")} className={inputClassName} />
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="secondary" disabled={pending}>
            Preview run
          </Button>
        </div>
      </form>

      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
          {message.text}
        </p>
      )}
      {preview && (
        <div className="space-y-3 rounded-md border border-slate-200 p-4" aria-label="Run preview">
          <ReportCounts
            counts={[
              ...targetCounts(preview),
              ["Calls in run", preview.report.callsTotal],
              ["Answered from cache", preview.report.callsCached],
              ["Calls needed", preview.report.callsNeeded],
              ["Estimated prompt tokens", preview.report.estimatedPromptTokens],
              ["Max completion tokens", preview.report.maxCompletionTokens],
            ]}
          />
          <p className="text-sm">
            Estimated cost at most <strong>{usd.format(preview.report.estimatedCostUsd)}</strong>
            {preview.input.budgetUsd ? `; budget ${usd.format(Number(preview.input.budgetUsd))}.` : "; no budget cap."} Prompt tokens are estimated
            from characters; completion tokens assume every call uses its max tokens.
          </p>
          <Button type="button" onClick={handleStart} disabled={pending || starting}>
            Start run
          </Button>
        </div>
      )}
    </div>
  );
}

/** Counts of what the run covers: items of a study, or pairs of a labelling set and the neutral ones it skips. */
function targetCounts(preview: { input: RunInput; report: JudgeRunPreview }): [string, number][] {
  if (preview.input.targetKind === "study") {
    return [["Items", preview.report.itemCount]];
  }
  return [
    ["Pairs", preview.report.itemCount],
    ["Neutral pairs skipped", preview.report.neutralPairsSkipped],
  ];
}
