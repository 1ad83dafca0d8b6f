import { computePercentileInterval } from "@/lib/stats/compute-percentile-interval";
import { computeWilsonInterval } from "@/lib/stats/compute-wilson-interval";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import { createSeededRandom } from "@/lib/stats/create-seeded-random";
import { drawPromptResample } from "@/lib/stats/draw-prompt-resample";
import { winRateCellIndex, type PromptCellCounts, type WinRateLayout } from "@/lib/stats/prompt-cell-counts";
import type { CandidateWinRateRow, MeanWinRateWithInterval } from "@/lib/stats/study-stats-types";

/**
 * Compute win rates from per-prompt verdict counts. Every cell gets its n and Wilson interval.
 * Each combination's mean over its criteria and each candidate's overall mean over
 * combinations get percentile intervals from a bootstrap that resamples prompts.
 * Cells without a win rate are left out of a mean, as in computeWinRates. A bootstrap round
 * in which a mean has no cell with data is skipped for that mean.
 */
export function computeWinRateTable({
  counts,
  layout,
  convention,
  rounds,
  seed,
  confidence,
}: {
  counts: PromptCellCounts;
  layout: WinRateLayout;
  convention: TieConvention;
  rounds: number;
  seed: number;
  confidence: number;
}): { promptCount: number; n: number; candidates: CandidateWinRateRow[] } {
  const { terms, totals } = toRateTerms(counts, convention);

  const combinationCount = layout.combinationNames.length;
  const meansPerCandidate = combinationCount + 1;
  const replicates = bootstrapMeans({ counts, layout, terms, rounds, seed });

  let n = 0;
  const candidates = layout.candidateSystems.map((candidateSystem, candidate) => {
    let candidateN = 0;
    const combinations = layout.combinationNames.map((combinationName, combination) => {
      const cells = layout.criterionKeys.map((criterionKey, criterion) => {
        const cell = winRateCellIndex(layout, candidate, combination, criterion);
        const successes = terms.total[2 * cell] / 2;
        const trials = terms.total[2 * cell + 1];
        const winRate = trials === 0 ? null : successes / trials;
        const interval = winRate === null ? null : computeWilsonInterval({ successes, n: trials, confidence });
        return { criterionKey, winRate, interval, wins: totals.wins[cell], ties: totals.ties[cell], losses: totals.losses[cell], n: totals.n[cell] };
      });

      const combinationN = cells.reduce((sum, cell) => sum + cell.n, 0);
      candidateN += combinationN;
      const replicatesOfMean = replicates.subarray((candidate * meansPerCandidate + combination) * rounds, (candidate * meansPerCandidate + combination + 1) * rounds);
      const mean = withInterval(cells.map((cell) => cell.winRate), combinationN, replicatesOfMean, confidence);
      return { combinationName, cells, mean };
    });

    n += candidateN;
    const overallStart = (candidate * meansPerCandidate + combinationCount) * rounds;
    const overall = withInterval(
      combinations.map((combination) => combination.mean.winRate),
      candidateN,
      replicates.subarray(overallStart, overallStart + rounds),
      confidence,
    );
    return { candidateSystem, combinations, overall };
  });

  return { promptCount: counts.promptCount, n, candidates };
}

/**
 * Per prompt and cell, twice the numerator and the denominator of the convention's win rate,
 * interleaved as [2 x numerator, denominator] pairs so the bootstrap adds both in one pass over
 * contiguous integers. Doubling keeps half wins from ties integral.
 */
type RateTerms = { perPrompt: Int32Array; total: Float64Array };

function toRateTerms(counts: PromptCellCounts, convention: TieConvention) {
  const { promptCount, cellCount, wins, ties, losses } = counts;
  const terms: RateTerms = { perPrompt: new Int32Array(promptCount * cellCount * 2), total: new Float64Array(cellCount * 2) };
  const totals = { wins: new Int32Array(cellCount), ties: new Int32Array(cellCount), losses: new Int32Array(cellCount), n: new Int32Array(cellCount) };

  const doubledTieWeight = convention === "tiesAsHalf" ? 1 : 0;
  const tieCounted = convention === "tiesExcluded" ? 0 : 1;
  for (let index = 0; index < promptCount * cellCount; index += 1) {
    const cell = index % cellCount;
    const doubledNumerator = 2 * wins[index] + doubledTieWeight * ties[index];
    const denominator = wins[index] + losses[index] + tieCounted * ties[index];
    terms.perPrompt[2 * index] = doubledNumerator;
    terms.perPrompt[2 * index + 1] = denominator;
    terms.total[2 * cell] += doubledNumerator;
    terms.total[2 * cell + 1] += denominator;
    totals.wins[cell] += wins[index];
    totals.ties[cell] += ties[index];
    totals.losses[cell] += losses[index];
    totals.n[cell] += wins[index] + ties[index] + losses[index];
  }
  return { terms, totals };
}

/**
 * Run the bootstrap and return, for each candidate, the replicates of each combination mean
 * followed by those of the overall mean, `rounds` values each, NaN where a round had no data.
 */
function bootstrapMeans({ counts, layout, terms, rounds, seed }: { counts: PromptCellCounts; layout: WinRateLayout; terms: RateTerms; rounds: number; seed: number }): Float64Array {
  const { promptCount, cellCount } = counts;
  const candidateCount = layout.candidateSystems.length;
  const combinationCount = layout.combinationNames.length;
  const criterionCount = layout.criterionKeys.length;
  const meansPerCandidate = combinationCount + 1;
  const replicates = new Float64Array(candidateCount * meansPerCandidate * rounds).fill(Number.NaN);
  if (promptCount === 0 || cellCount === 0) {
    return replicates;
  }

  const random = createSeededRandom(seed);
  const multiplicities = new Int32Array(promptCount);
  const packed = packTerms(terms.perPrompt, promptCount);
  const { values: packedValues, valuesPerPrompt } = packed;
  const packedSums = new Float64Array(valuesPerPrompt);
  const sums = new Float64Array(2 * cellCount);

  for (let round = 0; round < rounds; round += 1) {
    drawPromptResample(random, multiplicities);
    packedSums.fill(0);
    for (let prompt = 0; prompt < promptCount; prompt += 1) {
      const multiplicity = multiplicities[prompt];
      if (multiplicity === 0) {
        continue;
      }
      const offset = prompt * valuesPerPrompt;
      for (let value = 0; value < valuesPerPrompt; value += 1) {
        packedSums[value] += multiplicity * packedValues[offset + value];
      }
    }
    unpackSums(packed, packedSums, sums);

    for (let candidate = 0; candidate < candidateCount; candidate += 1) {
      let overallSum = 0;
      let overallCount = 0;
      for (let combination = 0; combination < combinationCount; combination += 1) {
        let sum = 0;
        let count = 0;
        for (let criterion = 0; criterion < criterionCount; criterion += 1) {
          const cell = winRateCellIndex(layout, candidate, combination, criterion);
          if (sums[2 * cell + 1] > 0) {
            sum += sums[2 * cell] / (2 * sums[2 * cell + 1]);
            count += 1;
          }
        }
        if (count > 0) {
          replicates[(candidate * meansPerCandidate + combination) * rounds + round] = sum / count;
          overallSum += sum / count;
          overallCount += 1;
        }
      }
      if (overallCount > 0) {
        replicates[(candidate * meansPerCandidate + combinationCount) * rounds + round] = overallSum / overallCount;
      }
    }
  }
  return replicates;
}

/**
 * Per-prompt rate terms packed several to a float: term t of a prompt is digit t % fieldsPerValue,
 * in base `fieldBase` (a power of two), of value floor(t / fieldsPerValue).
 */
type PackedTerms = { values: Float64Array; valuesPerPrompt: number; termsPerPrompt: number; fieldsPerValue: number; fieldBase: number };

/**
 * Pack the non-negative integer terms so that one addition sums several of them. A resample
 * draws `promptCount` prompts, so no field of a resample's sum exceeds promptCount times the
 * largest term. Fields of that many bits never carry into each other, and a sum of such values
 * stays an exact integer while it is below 2^53, the limit of a float's 53-bit significand.
 */
function packTerms(perPrompt: Int32Array, promptCount: number): PackedTerms {
  const termsPerPrompt = perPrompt.length / promptCount;
  let largestTerm = 0;
  for (let index = 0; index < perPrompt.length; index += 1) {
    largestTerm = Math.max(largestTerm, perPrompt[index]);
  }
  const fieldBits = Math.max(1, Math.ceil(Math.log2(promptCount * largestTerm + 1)));
  const fieldsPerValue = Math.max(1, Math.floor(53 / fieldBits));
  const fieldBase = 2 ** fieldBits;
  const valuesPerPrompt = Math.ceil(termsPerPrompt / fieldsPerValue);

  const values = new Float64Array(promptCount * valuesPerPrompt);
  for (let prompt = 0; prompt < promptCount; prompt += 1) {
    for (let term = 0; term < termsPerPrompt; term += 1) {
      const field = term % fieldsPerValue;
      values[prompt * valuesPerPrompt + (term - field) / fieldsPerValue] += perPrompt[prompt * termsPerPrompt + term] * fieldBase ** field;
    }
  }
  return { values, valuesPerPrompt, termsPerPrompt, fieldsPerValue, fieldBase };
}

/** Split packed sums back into one sum per term. Division by a power of two is exact. */
function unpackSums(packed: PackedTerms, packedSums: Float64Array, sums: Float64Array): void {
  for (let value = 0; value < packed.valuesPerPrompt; value += 1) {
    let rest = packedSums[value];
    const first = value * packed.fieldsPerValue;
    const end = Math.min(first + packed.fieldsPerValue, packed.termsPerPrompt);
    for (let term = first; term < end; term += 1) {
      const field = rest % packed.fieldBase;
      sums[term] = field;
      rest = (rest - field) / packed.fieldBase;
    }
  }
}

function withInterval(rates: (number | null)[], n: number, replicates: Float64Array, confidence: number): MeanWinRateWithInterval {
  const present = rates.filter((rate): rate is number => rate !== null);
  const winRate = present.length === 0 ? null : present.reduce((sum, rate) => sum + rate, 0) / present.length;
  const interval = winRate === null ? null : computePercentileInterval(replicates, confidence);
  return { winRate, cellsCovered: present.length, cellsTotal: rates.length, n, interval };
}
