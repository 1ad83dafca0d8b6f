"use client";

import { useActionState, useState } from "react";

import { createExportAction } from "@/app/(staff)/exports/actions";
import { FormMessage } from "@/components/preferences/add-dimension-form";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { FormState } from "@/lib/studies/to-form-state";

type Option = { id: string; label: string };
type LabelingSetOption = Option & { format: "ROLLOUT" | "PAIRS" };
type Kind = "judgments" | "reward-model" | "preference-pairs" | "labeling-pairs";

const KIND_LABELS: Record<Kind, string> = {
  judgments: "Judgments with provenance",
  "reward-model": "Reward-model training set",
  "preference-pairs": "Preference pairs from human judgments (DPO)",
  "labeling-pairs": "Preference pairs from a judged labelling set",
};

/** Form for queueing an export. It shows only the settings of the chosen kind. */
export function CreateExportForm({ studies, labelingSets, judgeVersions }: { studies: Option[]; labelingSets: LabelingSetOption[]; judgeVersions: Option[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createExportAction, {});
  const [kind, setKind] = useState<Kind>("judgments");
  const errorFor = (field: string) => state.fieldErrors?.[field]?.join(" ");

  return (
    <form action={formAction} className="space-y-4">
      <h2 className="text-lg font-semibold">New export</h2>
      <Field label="What to export" htmlFor="export-kind" error={errorFor("kind")}>
        <select id="export-kind" name="kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)} className={inputClassName}>
          {(Object.keys(KIND_LABELS) as Kind[]).map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
      </Field>

      {kind === "judgments" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <StudySelect studies={studies} error={errorFor("studyId")} />
          <Field label="Format" htmlFor="export-format" error={errorFor("format")}>
            <select id="export-format" name="format" className={inputClassName}>
              <option value="jsonl">JSONL</option>
              <option value="csv">CSV</option>
            </select>
          </Field>
          <Field label="Judges" htmlFor="export-judge-type" error={errorFor("judgeType")}>
            <select id="export-judge-type" name="judgeType" className={inputClassName}>
              <option value="all">Human and simulated</option>
              <option value="human">Human only</option>
              <option value="simulated">Simulated only</option>
            </select>
          </Field>
          <Field label="Excluded crowdworkers" htmlFor="export-excluded" error={errorFor("excludedCrowdworkers")}>
            <select id="export-excluded" name="excludedCrowdworkers" className={inputClassName}>
              <option value="mark">Keep their judgments, marked excluded</option>
              <option value="omit">Leave their judgments out</option>
            </select>
          </Field>
        </div>
      )}

      {kind === "reward-model" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <LabelingSetSelect
            labelingSets={labelingSets.filter((set) => set.format === "ROLLOUT")}
            hint="A set uploaded as rollouts."
            emptyLabel="No rollout sets uploaded yet"
            error={errorFor("labelingSetId")}
          />
          <JudgeVersionSelect judgeVersions={judgeVersions} hint="Its verdicts order the two positives." error={errorFor("judgeVersionId")} />
          <TrainingFormatSelect error={errorFor("format")} />
          <Field label="Files" htmlFor="export-layout" error={errorFor("layout")}>
            <select id="export-layout" name="layout" className={inputClassName}>
              <option value="multitask">One multitask file</option>
              <option value="per-side">One file per preference side</option>
            </select>
          </Field>
          <SplitFields errorFor={errorFor} />
        </div>
      )}

      {kind === "preference-pairs" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <StudySelect studies={studies} error={errorFor("studyId")} />
          <input type="hidden" name="format" value="trl" />
          <SplitFields errorFor={errorFor} />
        </div>
      )}

      {kind === "labeling-pairs" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <LabelingSetSelect labelingSets={labelingSets} hint="Rollouts or AlpacaFarm-style pairs." emptyLabel="No labelling sets uploaded yet" error={errorFor("labelingSetId")} />
          <JudgeVersionSelect
            judgeVersions={judgeVersions}
            hint="Pairs it preferred an output of become rows; its ties and inconsistent verdicts are counted, not written."
            error={errorFor("judgeVersionId")}
          />
          <TrainingFormatSelect error={errorFor("format")} />
          <SplitFields errorFor={errorFor} />
        </div>
      )}

      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Queueing…" : "Queue export"}
      </Button>
    </form>
  );
}

function StudySelect({ studies, error }: { studies: Option[]; error?: string }) {
  return (
    <Field label="Study" htmlFor="export-study" error={error}>
      <select id="export-study" name="studyId" className={inputClassName}>
        {studies.length === 0 && <option value="">No studies yet</option>}
        {studies.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function LabelingSetSelect({ labelingSets, hint, emptyLabel, error }: { labelingSets: Option[]; hint: string; emptyLabel: string; error?: string }) {
  return (
    <Field label="Labelling set" htmlFor="export-labeling-set" hint={hint} error={error}>
      <select id="export-labeling-set" name="labelingSetId" className={inputClassName}>
        {labelingSets.length === 0 && <option value="">{emptyLabel}</option>}
        {labelingSets.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function JudgeVersionSelect({ judgeVersions, hint, error }: { judgeVersions: Option[]; hint: string; error?: string }) {
  return (
    <Field label="Judge version" htmlFor="export-judge-version" hint={hint} error={error}>
      <select id="export-judge-version" name="judgeVersionId" className={inputClassName}>
        {judgeVersions.length === 0 && <option value="">No judges yet</option>}
        {judgeVersions.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TrainingFormatSelect({ error }: { error?: string }) {
  return (
    <Field label="Format" htmlFor="export-format" error={error}>
      <select id="export-format" name="format" className={inputClassName}>
        <option value="trl">TRL (prompt, chosen, rejected)</option>
        <option value="rlphf">RLPHF (user_input, completion_a, completion_b)</option>
      </select>
    </Field>
  );
}

function SplitFields({ errorFor }: { errorFor: (field: string) => string | undefined }) {
  return (
    <>
      <Field label="Seed" htmlFor="export-seed" hint="Draws the train/eval split by prompt and the random positive." error={errorFor("seed")}>
        <input id="export-seed" name="seed" defaultValue="0" inputMode="numeric" className={inputClassName} />
      </Field>
      <Field label="Evaluation fraction" htmlFor="export-eval-fraction" hint="Share of prompts in eval.jsonl, from 0 to 0.5." error={errorFor("evalFraction")}>
        <input id="export-eval-fraction" name="evalFraction" defaultValue="0.1" inputMode="decimal" className={inputClassName} />
      </Field>
    </>
  );
}
