import type { CombinationRef } from "@/lib/imports/import-types";

/**
 * Find the stored combination that a file names, by name ("ABA") or by side keys
 * ("P1A+P2B+P3A"), ignoring case and spaces. Returns an error message naming the value
 * and the valid choices when none or more than one combination fits.
 */
export function resolveCombination(
  value: string,
  combinations: readonly CombinationRef[],
): { combination: CombinationRef } | { error: string } {
  const wanted = value.replace(/\s+/g, "").toUpperCase();
  const candidates = combinations.filter(
    (combination) => combination.sideKeys.toUpperCase() === wanted || combination.name.toUpperCase() === wanted,
  );

  if (candidates.length === 1) {
    return { combination: candidates[0] };
  }

  if (candidates.length > 1) {
    const keys = candidates.map((combination) => combination.sideKeys).join(", ");
    return { error: `Combination "${value}" is ambiguous: it names ${keys}. Write the side keys instead, such as ${candidates[0].sideKeys}.` };
  }

  if (combinations.length === 0) {
    return { error: `Unknown combination "${value}": no combinations are stored. Set up the preference dimensions first, or remove the combination field.` };
  }
  const valid = [...combinations]
    .sort((left, right) => left.sideKeys.localeCompare(right.sideKeys))
    .map((combination) => `${combination.name} (${combination.sideKeys})`)
    .join(", ");
  return { error: `Unknown combination "${value}". Use the name or side keys of a stored combination: ${valid}.` };
}
