"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { createJudgeAction, createJudgeVersionAction } from "@/app/(staff)/admin/judges/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClassName } from "@/components/ui/field";

/** Judge settings as form strings; the templates as JSON text. */
export type JudgeFormValues = Record<string, string> & { templatesJson: string };

const NUMBER_FIELDS: { name: string; label: string; hint: string; step?: string }[] = [
  { name: "temperature", label: "Temperature", hint: "0 to 2. The paper used 0.1 for evaluation and 1.0 for labelling rollouts.", step: "0.01" },
  { name: "maxTokens", label: "Max tokens", hint: "Completion tokens per call." },
  { name: "concurrency", label: "Concurrency", hint: "Requests in flight at once for one run." },
  { name: "requestsPerMinute", label: "Requests per minute", hint: "0 for no limit." },
  { name: "tokensPerMinute", label: "Tokens per minute", hint: "Estimated prompt plus max completion tokens; 0 for no limit." },
  { name: "timeoutSeconds", label: "Timeout (seconds)", hint: "An unanswered request is abandoned and retried after this." },
  { name: "maxAttempts", label: "Attempts per call", hint: "Including the first; retries 429, 5xx, timeouts and connection errors." },
  { name: "inputPricePerMillion", label: "Prompt price (USD per million tokens)", hint: "For estimates and budget caps.", step: "0.0001" },
  { name: "outputPricePerMillion", label: "Completion price (USD per million tokens)", hint: "For estimates and budget caps.", step: "0.0001" },
];

/**
 * Form for a judge's settings. Without `judgeId` it creates a judge (with a name and
 * description); with one it stores the settings as the judge's next version.
 */
export function JudgeForm({ initial, judgeId }: { initial: JudgeFormValues; judgeId?: string }) {
  const router = useRouter();
  const [values, setValues] = useState<JudgeFormValues>(initial);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, startTransition] = useTransition();
  const prefix = judgeId ? "version" : "judge";

  const set = (name: string) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));

  function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const { name = "", description = "", ...settings } = values;
      if (judgeId) {
        const result = await createJudgeVersionAction({ judgeId, settings: settings as JudgeFormValues });
        setMessage(result.ok ? { tone: "success", text: `Saved as version ${result.value.version}.` } : { tone: "error", text: result.message });
        if (result.ok) {
          router.refresh();
        }
        return;
      }

      const result = await createJudgeAction({ name, description, settings: settings as JudgeFormValues });
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        return;
      }
      router.push(`/admin/judges/${result.value.judgeId}`);
    });
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-4">
      {!judgeId && (
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Judge name" htmlFor={`${prefix}-name`} hint="Unique, such as gpt-4-evaluation.">
            <input id={`${prefix}-name`} value={values.name ?? ""} onChange={set("name")} required className={inputClassName} />
          </Field>
          <Field label="Description" htmlFor={`${prefix}-description`}>
            <input id={`${prefix}-description`} value={values.description ?? ""} onChange={set("description")} className={inputClassName} />
          </Field>
        </div>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <Field label="Base URL" htmlFor={`${prefix}-baseUrl`} hint="OpenAI-compatible API root, such as https://api.openai.com/v1.">
          <input id={`${prefix}-baseUrl`} value={values.baseUrl} onChange={set("baseUrl")} required className={inputClassName} />
        </Field>
        <Field label="Model" htmlFor={`${prefix}-model`} hint="Model name, or the deployment name on Azure OpenAI.">
          <input id={`${prefix}-model`} value={values.model} onChange={set("model")} required className={inputClassName} />
        </Field>
        <Field label="API key variable" htmlFor={`${prefix}-apiKeyEnv`} hint="Name of the worker's environment variable that holds the key. The key is never stored.">
          <input id={`${prefix}-apiKeyEnv`} value={values.apiKeyEnv} onChange={set("apiKeyEnv")} required className={inputClassName} />
        </Field>
        <Field label="Verdicts" htmlFor={`${prefix}-verdictMode`}>
          <select id={`${prefix}-verdictMode`} value={values.verdictMode} onChange={set("verdictMode")} className={inputClassName}>
            <option value="THREE_WAY">Three-way: Output (a), TIE, Output (b)</option>
            <option value="BINARY">Binary: Output (a) or Output (b)</option>
          </select>
        </Field>
        <Field label="Orders" htmlFor={`${prefix}-orderMode`}>
          <select id={`${prefix}-orderMode`} value={values.orderMode} onChange={set("orderMode")} className={inputClassName}>
            <option value="ONE_ORDER">One order, drawn per item</option>
            <option value="BOTH_ORDERS">Both orders</option>
          </select>
        </Field>
        <Field label="Structured output" htmlFor={`${prefix}-structuredOutput`} hint="Only for endpoints that support response_format json_schema.">
          <select id={`${prefix}-structuredOutput`} value={values.structuredOutput} onChange={set("structuredOutput")} className={inputClassName}>
            <option value="false">Off: read the final result line</option>
            <option value="true">On: JSON schema</option>
          </select>
        </Field>
        {NUMBER_FIELDS.map((field) => (
          <Field key={field.name} label={field.label} htmlFor={`${prefix}-${field.name}`} hint={field.hint}>
            <input id={`${prefix}-${field.name}`} type="number" min="0" step={field.step ?? "1"} value={values[field.name]} onChange={set(field.name)} required className={inputClassName} />
          </Field>
        ))}
      </div>
      <Field
        label="Prompt templates (JSON)"
        htmlFor={`${prefix}-templates`}
        hint="One template per dimension key: system, guideline, demonstrations and item. Placeholders: {{criterion}}, {{answers}}, {{preferences}}, {{instruction}}, {{output_a}}, {{output_b}}."
      >
        <textarea id={`${prefix}-templates`} value={values.templatesJson} onChange={set("templatesJson")} rows={12} className={`${inputClassName} font-mono text-xs`} />
      </Field>
      <Button type="submit" disabled={pending}>
        {judgeId ? "Save as new version" : "Create judge"}
      </Button>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
