/**
 * Draw one bootstrap resample of prompts (as many as `multiplicities` has entries) with replacement, writing into
 * `multiplicities` how many times each prompt was drawn. All judgments of a prompt move
 * together, so the resample keeps the dependence between judgments of one prompt.
 */
export function drawPromptResample(random: () => number, multiplicities: Int32Array): void {
  const promptCount = multiplicities.length;
  multiplicities.fill(0);
  for (let draw = 0; draw < promptCount; draw += 1) {
    multiplicities[Math.floor(random() * promptCount)] += 1;
  }
}
