/**
 * Renumber the prompts that appear in a count list (quadruples whose first value is
 * prompt x `valuesPerPrompt` + position) as 0, 1, ... in their original order. Returns the new
 * number of each original prompt (-1 for prompts without counts) and how many prompts remain.
 */
export function compactPrompts(values: Int32Array, valuesPerPrompt: number, studyPromptCount: number): { promptIndex: Int32Array; promptCount: number } {
  const hasCounts = new Uint8Array(studyPromptCount);
  for (let offset = 0; offset < values.length; offset += 4) {
    hasCounts[Math.floor(values[offset] / valuesPerPrompt)] = 1;
  }

  const promptIndex = new Int32Array(studyPromptCount).fill(-1);
  let promptCount = 0;
  for (let prompt = 0; prompt < studyPromptCount; prompt += 1) {
    if (hasCounts[prompt]) {
      promptIndex[prompt] = promptCount;
      promptCount += 1;
    }
  }
  return { promptIndex, promptCount };
}
