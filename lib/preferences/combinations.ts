/** Pure helpers for naming preference combinations and building their prompts. */

export type SideRef = { key: string; letter: string };
export type DimensionRef = { key: string; position: number; sides: readonly SideRef[] };

/** Side keys of a combination in dimension order, joined by "+": the stored unique key. */
export function combinationSideKeys(sides: readonly SideRef[]): string {
  return sides.map((side) => side.key).join("+");
}

/** The combination's name: its side letters in dimension order, such as ABA. */
export function combinationName(sides: readonly SideRef[]): string {
  return sides.map((side) => side.letter).join("");
}

/**
 * Every combination that picks one side per dimension, dimensions taken in position order.
 * With `onlyLetters`, sides whose letter is not listed are left out (["A", "B"] gives the
 * eight combinations of three two-sided dimensions).
 */
export function deriveCombinations<S extends SideRef>(
  dimensions: readonly { key: string; position: number; sides: readonly S[] }[],
  options: { onlyLetters?: readonly string[] } = {},
): S[][] {
  const ordered = [...dimensions].sort((left, right) => left.position - right.position);

  let combinations: S[][] = [[]];
  for (const dimension of ordered) {
    const sides = [...dimension.sides]
      .filter((side) => !options.onlyLetters || options.onlyLetters.includes(side.letter))
      .sort((left, right) => left.letter.localeCompare(right.letter));
    combinations = combinations.flatMap((prefix) => sides.map((side) => [...prefix, side]));
  }
  return combinations;
}

/** The instruction followed by the chosen sides' generation prompts, joined with single spaces. */
export function combinedGenerationPrompt(instruction: string, generationPrompts: readonly string[]): string {
  return [instruction, ...generationPrompts].join(" ");
}
