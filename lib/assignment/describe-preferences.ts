/** Plain-language wording of a combination and its criteria, for crowdworkers. */

/**
 * Describe in one sentence the user a combination stands for, built from its sides'
 * crowdworker descriptions in dimension order. Descriptions may contain commas, so three or
 * more are separated by semicolons.
 */
export function describePersona(workerDescriptions: readonly string[]): string {
  if (workerDescriptions.length === 0) {
    return "This user has no stated preferences.";
  }
  if (workerDescriptions.length === 1) {
    return `This user ${workerDescriptions[0]}.`;
  }
  if (workerDescriptions.length === 2) {
    return `This user ${workerDescriptions[0]} and ${workerDescriptions[1]}.`;
  }

  const allButLast = workerDescriptions.slice(0, -1).join("; ");
  return `This user ${allButLast}; and ${workerDescriptions.at(-1)}.`;
}

/** Word the question asked for one criterion, such as "Style: which response is better for a user who …?" */
export function describeCriterion(dimensionName: string, workerDescription: string): string {
  return `${dimensionName}: which response is better for a user who ${workerDescription}?`;
}
