import type { JudgeVersion } from "@/lib/generated/prisma/client";

type Prices = Pick<JudgeVersion, "inputPricePerMillion" | "outputPricePerMillion">;

/** Cost in US dollars of a call with these token counts at the version's prices. */
export function estimateCallCost(prices: Prices, promptTokens: number, completionTokens: number): number {
  return (promptTokens * prices.inputPricePerMillion + completionTokens * prices.outputPricePerMillion) / 1_000_000;
}
