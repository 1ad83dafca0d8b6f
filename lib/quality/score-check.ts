import type { Verdict } from "@/lib/generated/prisma/enums";

/**
 * Score a submission on a gold item or attention check: true when every criterion with an
 * expected verdict got it, false otherwise, and null when nothing was expected (a regular item).
 */
export function scoreCheck(
  verdicts: readonly { sideId: string; verdict: Verdict }[],
  expected: readonly { criterionSideId: string; verdict: Verdict }[],
): boolean | null {
  if (expected.length === 0) {
    return null;
  }

  const given = new Map(verdicts.map((entry) => [entry.sideId, entry.verdict]));
  return expected.every((entry) => given.get(entry.criterionSideId) === entry.verdict);
}
