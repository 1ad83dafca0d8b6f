import { z } from "zod";

import { judgeTemplatesSchema } from "@/lib/judges/judge-template";

/** Settings of one judge version, as admins enter them. The API key itself is never among them. */
export const judgeSettingsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: "Enter the endpoint's base URL, such as https://api.openai.com/v1." }),
  model: z.string().trim().min(1, "Enter the model (or Azure deployment) name.").max(200),
  apiKeyEnv: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Enter the name of an environment variable, such as OPENAI_API_KEY, not the key itself."),
  temperature: z.coerce.number().min(0, "Temperature must be between 0 and 2.").max(2, "Temperature must be between 0 and 2."),
  maxTokens: z.coerce.number().int().min(1).max(32_768),
  verdictMode: z.enum(["BINARY", "THREE_WAY"]),
  orderMode: z.enum(["ONE_ORDER", "BOTH_ORDERS"]),
  structuredOutput: z.coerce.boolean(),
  inputPricePerMillion: z.coerce.number().min(0),
  outputPricePerMillion: z.coerce.number().min(0),
  concurrency: z.coerce.number().int().min(1).max(256),
  requestsPerMinute: z.coerce.number().int().min(0),
  tokensPerMinute: z.coerce.number().int().min(0),
  timeoutSeconds: z.coerce.number().int().min(1).max(600),
  maxAttempts: z.coerce.number().int().min(1).max(10),
  templates: judgeTemplatesSchema,
});

export type JudgeSettings = z.infer<typeof judgeSettingsSchema>;
