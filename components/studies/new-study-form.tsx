"use client";

import { useActionState, useEffect, useState } from "react";

import { createStudyAction, previewStudyAction } from "@/app/(staff)/studies/new/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { StudyItemPreview } from "@/lib/studies/preview-study-items";
import type { FormState } from "@/lib/studies/to-form-state";

type Options = {
  promptSets: { id: string; name: string; promptCount: number }[];
  systems: { id: string; name: string }[];
  combinations: { id: string; name: string; sideKeys: string }[];
  dimensions: { key: string; name: string }[];
};

/** Combinations of sides A and B only: the eight of the default three dimensions. */
const DEFAULT_COMBINATION_NAME = /^[AB]+$/;

function dimensionKeysOf(sideKeys: string): string[] {
  return sideKeys.split("+").map((sideKey) => sideKey.slice(0, -1));
}

function toggle(values: string[], value: string, checked: boolean): string[] {
  return checked ? [...values, value] : values.filter((existing) => existing !== value);
}

export function NewStudyForm({ options }: { options: Options }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createStudyAction, {});

  const [name, setName] = useState("");
  const [promptSetId, setPromptSetId] = useState("");
  const [baselineSystemId, setBaselineSystemId] = useState("");
  const [candidateSystemIds, setCandidateSystemIds] = useState<string[]>([]);
  const [combinationIds, setCombinationIds] = useState<string[]>(() =>
    options.combinations.filter((combination) => DEFAULT_COMBINATION_NAME.test(combination.name)).map((combination) => combination.id),
  );
  const [uncheckedCriteria, setUncheckedCriteria] = useState<string[]>([]);
  const [judgmentsPerItem, setJudgmentsPerItem] = useState("3");
  const [itemsPerWorker, setItemsPerWorker] = useState("20");
  const [leaseMinutes, setLeaseMinutes] = useState("30");
  const [instructions, setInstructions] = useState("");
  const [completionCode, setCompletionCode] = useState("");
  const [completionUrl, setCompletionUrl] = useState("");
  const [preview, setPreview] = useState<StudyItemPreview | null>(null);
  const [quality, setQuality] = useState<Record<QualitySetting, string>>({
    minSecondsPerItem: "0",
    attentionCheckEvery: "0",
    goldItemsPerWorker: "0",
    qualityWarnThreshold: "0",
    qualityBlockThreshold: "0",
  });
  const [comprehensionCheck, setComprehensionCheck] = useState(false);
  const countFieldProps = (name: QualitySetting) => ({
    name,
    value: quality[name],
    onChange: (value: string) => setQuality((current) => ({ ...current, [name]: value })),
    error: state.fieldErrors?.[name]?.join(" "),
  });

  const candidates = candidateSystemIds.filter((id) => id !== baselineSystemId);
  const chosenDimensionKeys = new Set(
    options.combinations.filter((combination) => combinationIds.includes(combination.id)).flatMap((combination) => dimensionKeysOf(combination.sideKeys)),
  );
  const criteria = options.dimensions.filter((dimension) => chosenDimensionKeys.has(dimension.key));

  const previewKey = JSON.stringify([promptSetId, baselineSystemId, candidates, combinationIds]);
  useEffect(() => {
    const [promptSet, baseline, candidateIds, chosenCombinations] = JSON.parse(previewKey) as [string, string, string[], string[]];
    if (!promptSet || !baseline) {
      return;
    }

    let current = true;
    previewStudyAction({ promptSetId: promptSet, baselineSystemId: baseline, candidateSystemIds: candidateIds, combinationIds: chosenCombinations })
      .then((result) => {
        if (current) {
          setPreview(result);
        }
      })
      .catch(() => {
        if (current) {
          setPreview(null);
        }
      });
    return () => {
      current = false;
    };
  }, [previewKey]);

  const errorFor = (field: string) => state.fieldErrors?.[field]?.join(" ");

  return (
    <form action={formAction} className="space-y-6">
      <Field label="Study name" htmlFor="name" error={errorFor("name")}>
        <input id="name" name="name" value={name} onChange={(event) => setName(event.target.value)} required className={inputClassName} />
      </Field>

      <div className="grid gap-6 sm:grid-cols-2">
        <Field label="Prompt set" htmlFor="promptSetId" error={errorFor("promptSetId")}>
          <select id="promptSetId" name="promptSetId" value={promptSetId} onChange={(event) => setPromptSetId(event.target.value)} required className={inputClassName}>
            <option value="">Choose a prompt set</option>
            {options.promptSets.map((promptSet) => (
              <option key={promptSet.id} value={promptSet.id}>
                {promptSet.name}
              </option>
            ))}
          </select>
        </Field>

        <Field label="Baseline system" htmlFor="baselineSystemId" hint="Every candidate is compared against this system." error={errorFor("baselineSystemId")}>
          <select
            id="baselineSystemId"
            name="baselineSystemId"
            value={baselineSystemId}
            onChange={(event) => setBaselineSystemId(event.target.value)}
            required
            className={inputClassName}
          >
            <option value="">Choose a baseline</option>
            {options.systems.map((system) => (
              <option key={system.id} value={system.id}>
                {system.name}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <CheckboxGroup legend="Candidate systems" error={errorFor("candidateSystemIds")}>
        {options.systems.length === 0 && <p className="text-sm text-slate-500">No systems yet. Upload responses first.</p>}
        {options.systems.map((system) => (
          <Checkbox
            key={system.id}
            name="candidateSystemIds"
            value={system.id}
            label={system.name}
            checked={candidates.includes(system.id)}
            disabled={system.id === baselineSystemId}
            onChange={(checked) => setCandidateSystemIds((ids) => toggle(ids, system.id, checked))}
          />
        ))}
      </CheckboxGroup>

      <CheckboxGroup legend="Combinations" error={errorFor("combinationIds")}>
        {options.combinations.map((combination) => (
          <Checkbox
            key={combination.id}
            name="combinationIds"
            value={combination.id}
            label={combination.name}
            title={combination.sideKeys}
            checked={combinationIds.includes(combination.id)}
            onChange={(checked) => setCombinationIds((ids) => toggle(ids, combination.id, checked))}
          />
        ))}
      </CheckboxGroup>

      <CheckboxGroup legend="Criteria" error={errorFor("criterionDimensionKeys")}>
        {criteria.map((dimension) => (
          <Checkbox
            key={dimension.key}
            name="criterionDimensionKeys"
            value={dimension.key}
            label={`${dimension.key} ${dimension.name}`}
            checked={!uncheckedCriteria.includes(dimension.key)}
            onChange={(checked) => setUncheckedCriteria((keys) => toggle(keys, dimension.key, !checked))}
          />
        ))}
      </CheckboxGroup>

      <ItemPreview preview={promptSetId && baselineSystemId ? preview : null} />

      <div className="grid gap-6 sm:grid-cols-3">
        <Field label="Judgments per item" htmlFor="judgmentsPerItem" hint="Crowdworkers who judge each item (1-100)." error={errorFor("judgmentsPerItem")}>
          <input
            id="judgmentsPerItem"
            name="judgmentsPerItem"
            type="number"
            min={1}
            max={100}
            value={judgmentsPerItem}
            onChange={(event) => setJudgmentsPerItem(event.target.value)}
            required
            className={inputClassName}
          />
        </Field>
        <Field label="Items per crowdworker" htmlFor="itemsPerWorker" hint="Items one crowdworker judges before finishing (1-1000)." error={errorFor("itemsPerWorker")}>
          <input
            id="itemsPerWorker"
            name="itemsPerWorker"
            type="number"
            min={1}
            max={1000}
            value={itemsPerWorker}
            onChange={(event) => setItemsPerWorker(event.target.value)}
            required
            className={inputClassName}
          />
        </Field>
        <Field label="Lease (minutes)" htmlFor="leaseMinutes" hint="Minutes a crowdworker holds an item before it returns to the pool." error={errorFor("leaseMinutes")}>
          <input
            id="leaseMinutes"
            name="leaseMinutes"
            type="number"
            min={1}
            max={1440}
            value={leaseMinutes}
            onChange={(event) => setLeaseMinutes(event.target.value)}
            required
            className={inputClassName}
          />
        </Field>
      </div>

      <Field label="Instructions" htmlFor="instructions" hint="Shown to crowdworkers before their first item." error={errorFor("instructions")}>
        <textarea
          id="instructions"
          name="instructions"
          rows={5}
          value={instructions}
          onChange={(event) => setInstructions(event.target.value)}
          required
          className={inputClassName}
        />
      </Field>

      <div className="grid gap-6 sm:grid-cols-2">
        <Field label="Completion code" htmlFor="completionCode" hint="Shown when a crowdworker finishes, such as Prolific's code." error={errorFor("completionCode")}>
          <input
            id="completionCode"
            name="completionCode"
            value={completionCode}
            onChange={(event) => setCompletionCode(event.target.value)}
            required
            className={inputClassName}
          />
        </Field>
        <Field
          label="Completion URL (optional)"
          htmlFor="completionUrl"
          hint="Crowdworkers are sent here when done, such as https://app.prolific.com/submissions/complete?cc=CODE."
          error={errorFor("completionUrl")}
        >
          <input
            id="completionUrl"
            name="completionUrl"
            type="url"
            value={completionUrl}
            onChange={(event) => setCompletionUrl(event.target.value)}
            className={inputClassName}
          />
        </Field>
      </div>

      <fieldset className="space-y-4">
        <legend className="text-sm font-medium text-slate-700">Quality control (0 turns a setting off)</legend>
        <div className="grid gap-6 sm:grid-cols-3">
          <CountField
            {...countFieldProps("minSecondsPerItem")}
            label="Minimum seconds per item"
            hint="Items submitted faster than this are flagged as too fast (0-3600)."
            max={3600}
          />
          <CountField
            {...countFieldProps("attentionCheckEvery")}
            label="Attention check every N items"
            hint="One instructional check after every N regular items (0-1000)."
            max={1000}
          />
          <CountField
            {...countFieldProps("goldItemsPerWorker")}
            label="Gold items for each crowdworker"
            hint="Items with known answers, spread between regular items (0-1000). Mark gold items on the study page."
            max={1000}
          />
          <CountField
            {...countFieldProps("qualityWarnThreshold")}
            label="Warn after failed checks"
            hint="Failed checks (missed attention or gold answers, too-fast items) before a warning shows (0-100)."
            max={100}
          />
          <CountField
            {...countFieldProps("qualityBlockThreshold")}
            label="Block after failed checks"
            hint="Failed checks after which a crowdworker gets no more items and is asked to return (0-100)."
            max={100}
          />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="comprehensionCheck"
            checked={comprehensionCheck}
            onChange={(event) => setComprehensionCheck(event.target.checked)}
            className="h-4 w-4 rounded border-slate-300"
          />
          Comprehension check before the first item (two attempts; a crowdworker who fails both is asked to return the study)
        </label>
      </fieldset>

      {state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create study"}
      </Button>
    </form>
  );
}

type QualitySetting = "minSecondsPerItem" | "attentionCheckEvery" | "goldItemsPerWorker" | "qualityWarnThreshold" | "qualityBlockThreshold";

/** A number input for a quality setting, where 0 turns the setting off. */
function CountField({
  name,
  label,
  hint,
  max,
  value,
  onChange,
  error,
}: {
  name: QualitySetting;
  label: string;
  hint: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} htmlFor={name} hint={hint} error={error}>
      <input
        id={name}
        name={name}
        type="number"
        min={0}
        max={max}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        className={inputClassName}
      />
    </Field>
  );
}

function CheckboxGroup({ legend, error, children }: { legend: string; error?: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">{children}</div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Checkbox({
  name,
  value,
  label,
  title,
  checked,
  disabled,
  onChange,
}: {
  name: string;
  value: string;
  label: string;
  title?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm" title={title}>
      <input
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        className="h-4 w-4 rounded border-slate-300"
      />
      {label}
    </label>
  );
}

function ItemPreview({ preview }: { preview: StudyItemPreview | null }) {
  if (!preview) {
    return <p className="text-sm text-slate-500">Choose a prompt set and a baseline to see how many items each candidate gets.</p>;
  }

  return (
    <section aria-label="Item preview" className="rounded-md bg-slate-100 p-4 text-sm">
      <p>
        {preview.promptCount} prompts; {preview.totalItems} items in all against {preview.baselineSystemName}.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {preview.candidates.map((candidate) => (
          <li key={candidate.systemId} className={candidate.itemCount === 0 ? "text-red-700" : undefined}>
            {candidate.systemName}: {candidate.itemCount} items
            {candidate.itemCount === 0 && " (no prompt has responses from both systems)"}
          </li>
        ))}
      </ul>
    </section>
  );
}
