import type { JudgeFormValues } from "@/components/judges/judge-form";
import type { JudgeSettings } from "@/lib/judges/judge-settings-schema";

/** Turn stored or default judge settings into the form's strings. */
export function toJudgeFormValues(settings: Omit<JudgeSettings, "templates"> & { templates: unknown }): JudgeFormValues {
  const { templates, ...fields } = settings;
  return {
    ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)])),
    templatesJson: JSON.stringify(templates, null, 2),
  };
}
