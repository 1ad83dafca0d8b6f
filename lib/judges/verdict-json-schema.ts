import type { JudgeVersion } from "@/lib/generated/prisma/client";
import { ANSWER_TEXTS } from "@/lib/judges/judge-template";

/** JSON schema of a structured verdict, for endpoints that support response_format json_schema. */
export function verdictJsonSchema(verdictMode: JudgeVersion["verdictMode"]): Record<string, unknown> {
  const answers = verdictMode === "BINARY" ? [ANSWER_TEXTS.OUTPUT_A, ANSWER_TEXTS.OUTPUT_B] : [ANSWER_TEXTS.OUTPUT_A, ANSWER_TEXTS.TIE, ANSWER_TEXTS.OUTPUT_B];
  return {
    type: "object",
    properties: { thought: { type: "string" }, result: { type: "string", enum: answers } },
    required: ["thought", "result"],
    additionalProperties: false,
  };
}
