/**
 * The prompt a training row carries: the instruction, its input after a blank line when there
 * is one, then the preference sentences joined by single spaces, as the combined generation
 * prompt is built.
 */
export function buildTrainingPrompt(instruction: string, input: string, preferenceSentences: string[]): string {
  const task = input.trim() === "" ? instruction : `${instruction}\n\n${input}`;
  const preferences = preferenceSentences.filter((sentence) => sentence.trim() !== "").join(" ");
  return preferences === "" ? task : `${task} ${preferences}`;
}
