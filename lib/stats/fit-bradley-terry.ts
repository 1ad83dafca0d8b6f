/** Stop when no log-strength moves by more than this in one iteration. */
const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 10_000;

/**
 * Fit Bradley-Terry log-strengths by maximum likelihood with the minorization-maximization
 * iteration of Hunter (2004, "MM algorithms for generalized Bradley-Terry models", Annals of
 * Statistics 32). `firstScores[k]` is the first system's score in pair k (wins plus half the
 * ties) out of `totals[k]` judgments. Only systems marked in `active` are fitted, from pairs of
 * two active systems. The caller must ensure that the active systems are strongly connected
 * by wins (otherwise the maximum is at infinity). The iteration starts at
 * `initialLogStrengths` when given, which a bootstrap sets to the point estimate so that each
 * refit needs fewer steps. Otherwise every strength starts at 1. Returns log-strengths with
 * mean 0 over the active systems, and NaN for the others.
 */
export function fitBradleyTerry({
  systemCount,
  firstOfPair,
  secondOfPair,
  firstScores,
  totals,
  active,
  initialLogStrengths,
}: {
  systemCount: number;
  firstOfPair: Int32Array;
  secondOfPair: Int32Array;
  firstScores: Float64Array;
  totals: Float64Array;
  active: Uint8Array;
  initialLogStrengths?: Float64Array;
}): Float64Array {
  const scores = new Float64Array(systemCount);
  for (let pair = 0; pair < firstOfPair.length; pair += 1) {
    if (active[firstOfPair[pair]] && active[secondOfPair[pair]]) {
      scores[firstOfPair[pair]] += firstScores[pair];
      scores[secondOfPair[pair]] += totals[pair] - firstScores[pair];
    }
  }

  const strengths = new Float64Array(systemCount).fill(1);
  if (initialLogStrengths) {
    for (let system = 0; system < systemCount; system += 1) {
      if (active[system] && Number.isFinite(initialLogStrengths[system])) {
        strengths[system] = Math.exp(initialLogStrengths[system]);
      }
    }
  }
  const denominators = new Float64Array(systemCount);
  const next = new Float64Array(systemCount);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    denominators.fill(0);
    for (let pair = 0; pair < firstOfPair.length; pair += 1) {
      const first = firstOfPair[pair];
      const second = secondOfPair[pair];
      if (active[first] && active[second] && totals[pair] > 0) {
        const share = totals[pair] / (strengths[first] + strengths[second]);
        denominators[first] += share;
        denominators[second] += share;
      }
    }

    let logMean = 0;
    let activeCount = 0;
    for (let system = 0; system < systemCount; system += 1) {
      if (active[system]) {
        next[system] = scores[system] / denominators[system];
        logMean += Math.log(next[system]);
        activeCount += 1;
      }
    }
    logMean /= activeCount;

    let largestStep = 0;
    for (let system = 0; system < systemCount; system += 1) {
      if (active[system]) {
        next[system] /= Math.exp(logMean);
        largestStep = Math.max(largestStep, Math.abs(Math.log(next[system] / strengths[system])));
        strengths[system] = next[system];
      }
    }
    if (largestStep < TOLERANCE) {
      break;
    }
  }

  return strengths.map((strength, system) => (active[system] ? Math.log(strength) : Number.NaN));
}
