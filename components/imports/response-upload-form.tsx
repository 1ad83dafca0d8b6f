"use client";

import { useRef, useState } from "react";

import { importResponsesAction, previewResponseImportAction } from "@/app/(staff)/admin/uploads/actions";
import { DuplicateTable, IssueTable, ReportCounts, UnmatchedTable } from "@/components/imports/import-report-tables";
import { useImportFlow } from "@/components/imports/use-import-flow";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { ResponseImportReport } from "@/lib/imports/import-types";

/**
 * Upload form for model outputs: preview how the rows match the chosen prompt set, then
 * confirm to store the matched rows that are not duplicates.
 */
export function ResponseUploadForm({ promptSets }: { promptSets: { id: string; name: string; promptCount: number }[] }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [promptSetId, setPromptSetId] = useState(promptSets[0]?.id ?? "");
  const [systemName, setSystemName] = useState("");
  const [fileError, setFileError] = useState<string>();
  const flow = useImportFlow({ preview: previewResponseImportAction, confirm: importResponsesAction });
  const { state } = flow;

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError("Choose a JSON, JSONL or CSV file of model outputs.");
      return;
    }
    flow.runPreview(async () => ({ fileName: file.name, content: await file.text(), promptSetId, systemName: systemName.trim() || undefined }));
  }

  if (promptSets.length === 0) {
    return <p className="text-sm text-slate-600">Upload a prompt set first: model outputs are matched to its prompts.</p>;
  }

  const report = state.step === "editing" ? undefined : state.report;

  return (
    <div className="space-y-4">
      <form onSubmit={handleSubmit} className="space-y-4">
        <Field
          label="Model outputs file"
          htmlFor="model-outputs-file"
          hint="AlpacaEval model_outputs.json, or JSON/JSONL/CSV rows with prompt_id and/or instruction, system (or generator), an optional combination (ABA or P1A+P2B+P3A) and output."
          error={fileError}
        >
          <input
            id="model-outputs-file"
            name="file"
            type="file"
            accept=".json,.jsonl,.ndjson,.csv,.tsv,.txt"
            ref={fileInput}
            onChange={() => {
              setFileError(undefined);
              flow.reset();
            }}
            className={inputClassName}
          />
        </Field>
        <Field label="Prompt set" htmlFor="response-prompt-set">
          <select
            id="response-prompt-set"
            name="promptSetId"
            value={promptSetId}
            onChange={(event) => {
              setPromptSetId(event.target.value);
              flow.reset();
            }}
            className={inputClassName}
          >
            {promptSets.map((promptSet) => (
              <option key={promptSet.id} value={promptSet.id}>
                {promptSet.name} ({promptSet.promptCount} prompts)
              </option>
            ))}
          </select>
        </Field>
        <Field label="System name (optional)" htmlFor="response-system-name" hint="Names the system of every row, in place of the file's generator or system field. A new name creates the system.">
          <input
            id="response-system-name"
            name="systemName"
            value={systemName}
            onChange={(event) => {
              setSystemName(event.target.value);
              flow.reset();
            }}
            className={inputClassName}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={flow.pending}>
          Preview model outputs
        </Button>
      </form>

      {state.step === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {state.step === "imported" && (
        <p role="status" className="text-sm font-medium text-green-800">
          Imported {state.report.stored} responses into &ldquo;{state.report.promptSetName}&rdquo; for{" "}
          {state.report.systems.map((system) => system.name).join(", ")}. Skipped {state.report.unmatched.length} unmatched and{" "}
          {state.report.duplicates.length} duplicate rows.
        </p>
      )}
      {report && <ResponseImportReportView report={report} />}
      {state.step === "previewed" && (
        <Button type="button" onClick={flow.runImport} disabled={flow.pending || report!.errors.length > 0 || report!.toStore === 0}>
          Confirm import
        </Button>
      )}
    </div>
  );
}

function ResponseImportReportView({ report }: { report: ResponseImportReport }) {
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-4" aria-label="Model outputs import report">
      <ReportCounts
        counts={[
          ["Rows read", report.rowsRead],
          ["Matched", report.matched],
          ["Unmatched", report.unmatched.length],
          ["Duplicates", report.duplicates.length],
          ["Errors", report.errors.length],
          ["To store", report.toStore],
        ]}
      />
      <p className="text-xs text-slate-600">
        {report.format ? `Read as ${report.format.toUpperCase()}. ` : ""}
        {report.promptsWithoutResponse} of the prompts in &ldquo;{report.promptSetName}&rdquo; get no response from this file.
        {report.systems.length > 0 &&
          ` Systems: ${report.systems.map((system) => (system.isNew ? `${system.name} (new)` : system.name)).join(", ")}.`}
      </p>
      <IssueTable title="Errors (fix these and preview again)" issues={report.errors} />
      <UnmatchedTable rows={report.unmatched} />
      <DuplicateTable rows={report.duplicates} />
    </div>
  );
}
