"use client";

import { useRef, useState } from "react";

import { importLabelingSetAction, previewLabelingImportAction } from "@/app/(staff)/admin/labeling/actions";
import { IssueTable, ReportCounts } from "@/components/imports/import-report-tables";
import { useImportFlow } from "@/components/imports/use-import-flow";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { LabelingImportReport } from "@/lib/labeling/labeling-types";

/** Upload form for a labelling set: preview the parsed file, then confirm to store all of it. */
export function LabelingUploadForm() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [fileError, setFileError] = useState<string>();
  const flow = useImportFlow({ preview: previewLabelingImportAction, confirm: importLabelingSetAction });
  const { state } = flow;

  function handleFileChange() {
    const file = fileInput.current?.files?.[0];
    if (file && name === "") {
      setName(file.name.replace(/\.[^.]+$/, ""));
    }
    setFileError(undefined);
    flow.reset();
  }

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError("Choose a JSON, JSONL or CSV file of pairs.");
      return;
    }
    flow.runPreview(async () => ({ fileName: file.name, content: await file.text(), name }));
  }

  const report = state.step === "editing" ? undefined : state.report;

  return (
    <div className="space-y-4">
      <form onSubmit={handleSubmit} className="space-y-4">
        <Field
          label="Labelling file"
          htmlFor="labeling-file"
          hint="Rollouts {instruction, input, preference_prompt, output_1, output_2} or AlpacaFarm pairs {instruction, input, output_1, output_2}, as a JSON array, JSONL or CSV."
          error={fileError}
        >
          <input id="labeling-file" type="file" accept=".json,.jsonl,.ndjson,.csv" ref={fileInput} onChange={handleFileChange} className={inputClassName} />
        </Field>
        <Field label="Labelling set name" htmlFor="labeling-name" hint="Must be unique. Defaults to the file name.">
          <input
            id="labeling-name"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              flow.reset();
            }}
            required
            className={inputClassName}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={flow.pending}>
          Preview labelling set
        </Button>
      </form>

      {state.step === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {state.step === "imported" && (
        <p role="status" className="text-sm font-medium text-green-800">
          Imported labelling set &ldquo;{state.report.name}&rdquo; with {state.report.pairCount} pairs.
        </p>
      )}
      {report && <LabelingReportView report={report} />}
      {state.step === "previewed" && (
        <Button type="button" onClick={flow.runImport} disabled={flow.pending || report!.errors.length > 0}>
          Confirm import
        </Button>
      )}
    </div>
  );
}

function LabelingReportView({ report }: { report: LabelingImportReport }) {
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-4" aria-label="Labelling set import report">
      <ReportCounts
        counts={[
          ["Rows read", report.rowsRead],
          ["Pairs", report.pairCount],
          ["Neutral pairs", report.neutralPairs],
          ["Pairs whose preference prompt matches no side", report.unmatchedPairs],
          ["Errors", report.errors.length],
        ]}
      />
      <p className="text-xs text-slate-600">
        {report.format === "ROLLOUT" && "Read as rollouts with preference prompts. Judge runs skip neutral pairs (an empty preference prompt). "}
        {report.format === "PAIRS" && "Read as AlpacaFarm pairs without preference prompts; a run over them needs a criterion side. "}
        {report.matchedSides.length > 0 && `Sides matched: ${report.matchedSides.map((side) => `${side.sideKey} (${side.pairCount})`).join(", ")}.`}
      </p>
      <IssueTable title="Errors (fix these and preview again)" issues={report.errors} />
    </div>
  );
}
