import { z } from "zod";

import type { JudgeVerdictMode } from "@/lib/generated/prisma/enums";

/** The answers a judge may give, as written in prompts, demonstrations and structured output. */
export const ANSWER_TEXTS = { OUTPUT_A: "Output (a)", TIE: "TIE", OUTPUT_B: "Output (b)" } as const;

const demonstrationSchema = z.object({
  criterion: z.string().min(1),
  preferences: z.string(),
  instruction: z.string().min(1),
  outputA: z.string().min(1),
  outputB: z.string().min(1),
  thought: z.string().min(1),
  result: z.enum([ANSWER_TEXTS.OUTPUT_A, ANSWER_TEXTS.TIE, ANSWER_TEXTS.OUTPUT_B]),
});

/**
 * The chat prompt of one criterion dimension. `system` may use {{criterion}} and {{answers}};
 * `item` may also use {{preferences}}, {{instruction}}, {{output_a}} and {{output_b}}. Each
 * demonstration is sent as the item it solves followed by its thought and result.
 */
export const judgeTemplateSchema = z.object({
  system: z.string().min(1, "The system message is empty."),
  guideline: z.string(),
  demonstrations: z.array(demonstrationSchema),
  item: z.string().min(1, "The item message is empty."),
});

export const judgeTemplatesSchema = z.record(z.string().regex(/^[A-Z][A-Z0-9]*$/, "Template keys are dimension keys such as P1."), judgeTemplateSchema);

export type JudgeTemplate = z.infer<typeof judgeTemplateSchema>;
export type JudgeTemplates = z.infer<typeof judgeTemplatesSchema>;

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

/** Content of one judge request: the criterion, the preferences the responses served, and the two outputs in shown order. */
export type JudgeItem = { criterion: string; preferences: string; instruction: string; outputA: string; outputB: string };

/** Render the chat messages of one request. BINARY mode drops tie demonstrations and offers no tie. */
export function renderJudgeMessages(template: JudgeTemplate, item: JudgeItem, verdictMode: JudgeVerdictMode): ChatMessage[] {
  const answers = verdictMode === "BINARY" ? `"${ANSWER_TEXTS.OUTPUT_A}" or "${ANSWER_TEXTS.OUTPUT_B}"` : `"${ANSWER_TEXTS.OUTPUT_A}", "${ANSWER_TEXTS.TIE}" or "${ANSWER_TEXTS.OUTPUT_B}"`;
  const system = [fill(template.system, { criterion: item.criterion, answers }), template.guideline].filter((part) => part.trim() !== "").join("\n\n");
  const messages: ChatMessage[] = [{ role: "system", content: system }];

  for (const demonstration of template.demonstrations) {
    if (verdictMode === "BINARY" && demonstration.result === ANSWER_TEXTS.TIE) {
      continue;
    }
    messages.push({ role: "user", content: fillItem(template.item, demonstration, answers) });
    messages.push({ role: "assistant", content: `Thought: ${demonstration.thought}\nResult: ${demonstration.result}` });
  }

  messages.push({ role: "user", content: fillItem(template.item, item, answers) });
  return messages;
}

function fillItem(text: string, item: JudgeItem, answers: string): string {
  return fill(text, {
    criterion: item.criterion,
    answers,
    preferences: item.preferences,
    instruction: item.instruction,
    output_a: item.outputA,
    output_b: item.outputB,
  });
}

/** Replace {{name}} placeholders in one pass, so text inside a value is never expanded again. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
