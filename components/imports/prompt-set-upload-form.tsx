"use client";

import { useRef, useState } from "react";

import { importPromptSetAction, previewPromptImportAction } from "@/app/(staff)/admin/uploads/actions";
import { IssueTable, ReportCounts } from "@/components/imports/import-report-tables";
import { useImportFlow } from "@/components/imports/use-import-flow";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";
import type { PromptImportReport } from "@/lib/imports/import-types";

/** Upload form for a prompt set: preview the parsed file, then confirm to store it. */
export function PromptSetUploadForm() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [nameEdited, setNameEdited] = useState(false);
  const [fileError, setFileError] = useState<string>();
  const flow = useImportFlow({ preview: previewPromptImportAction, confirm: importPromptSetAction });
  const { state } = flow;

  function handleFileChange() {
    const file = fileInput.current?.files?.[0];
    if (file && !nameEdited) {
      setName(file.name.replace(/\.[^.]+$/, ""));
    }
    setFileError(undefined);
    flow.reset();
  }

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setFileError("Choose a JSON, JSONL or CSV file of prompts.");
      return;
    }
    flow.runPreview(async () => ({ fileName: file.name, content: await file.text(), name }));
  }

  const report = state.step === "editing" ? undefined : state.report;

  return (
    <div className="space-y-4">
      <form onSubmit={handleSubmit} className="space-y-4">
        <Field
          label="Prompt set file"
          htmlFor="prompt-set-file"
          hint="JSON array, JSONL or CSV with a prompt (or instruction or text) field and optionally an id. Without ids, prompts are numbered by row from 1."
          error={fileError}
        >
          <input id="prompt-set-file" name="file" type="file" accept=".json,.jsonl,.ndjson,.csv,.tsv,.txt" ref={fileInput} onChange={handleFileChange} className={inputClassName} />
        </Field>
        <Field label="Prompt set name" htmlFor="prompt-set-name" hint="Must be unique. Defaults to the file name.">
          <input
            id="prompt-set-name"
            name="name"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              setNameEdited(true);
              flow.reset();
            }}
            required
            className={inputClassName}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={flow.pending}>
          Preview prompt set
        </Button>
      </form>

      {state.step === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      {state.step === "imported" && (
        <p role="status" className="text-sm font-medium text-green-800">
          Imported prompt set &ldquo;{state.report.promptSetName}&rdquo; with {state.report.promptCount} prompts.
        </p>
      )}
      {report && <PromptImportReportView report={report} />}
      {state.step === "previewed" && (
        <Button type="button" onClick={flow.runImport} disabled={flow.pending || report!.errors.length > 0}>
          Confirm import
        </Button>
      )}
    </div>
  );
}

function PromptImportReportView({ report }: { report: PromptImportReport }) {
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-4" aria-label="Prompt set import report">
      <ReportCounts
        counts={[
          ["Rows read", report.rowsRead],
          ["Prompts", report.promptCount],
          ["Duplicates", report.duplicateIds],
          ["Errors", report.errors.length],
        ]}
      />
      <p className="text-xs text-slate-600">
        {report.format ? `Read as ${report.format.toUpperCase()}. ` : ""}
        {report.idSource === "file" ? "Prompt ids come from the file." : "The file has no ids, so prompts are numbered by row from 1."}
      </p>
      <IssueTable title="Errors (fix these and preview again)" issues={report.errors} />
      {report.sample.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-xs text-slate-700">
          {report.sample.map((prompt) => (
            <li key={prompt.externalId}>
              <span className="font-mono">{prompt.externalId}</span>: {prompt.textSnippet}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
