import { MIN_BOOTSTRAP_PROMPTS } from "@/lib/stats/bootstrap-settings";
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
 * in which a mean has no cell with data is skipped for that mean. A mean whose cells have data
 * from fewer than MIN_BOOTSTRAP_PROMPTS prompts gets no interval, because every resample would
 * repeat the same prompt.
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
  const promptsPerMean = countPromptsPerMean(counts, layout, terms);

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
      const meanIndex = candidate * meansPerCandidate + combination;
      const replicatesOfMean = replicates.subarray(meanIndex * rounds, (meanIndex + 1) * rounds);
      const mean = withInterval(cells.map((cell) => cell.winRate), combinationN, promptsPerMean[meanIndex] >= MIN_BOOTSTRAP_PROMPTS ? replicatesOfMean : null, confidence);
      return { combinationName, cells, mean };
    });

    n += candidateN;
    const overallIndex = candidate * meansPerCandidate + combinationCount;
    const overall = withInterval(
      combinations.map((combination) => combination.mean.winRate),
      candidateN,
      promptsPerMean[overallIndex] >= MIN_BOOTSTRAP_PROMPTS ? replicates.subarray(overallIndex * rounds, (overallIndex + 1) * rounds) : null,
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
  if (promptCount < MIN_BOOTSTRAP_PROMPTS || cellCount === 0) {
    return replicates;
  }

  const random = createSeededRandom(seed);
  const multiplicities = new Int32Array(promptCount);
  const drawn: DrawnPrompts = { count: 0, offsets: new Int32Array(promptCount), multiplicities: new Float64Array(promptCount) };
  const packed = packTerms(terms.perPrompt, promptCount);
  const packedSums = new Float64Array(packed.valuesPerPrompt);
  const columnSums = new Float64Array(packed.columnCount);
  const sums = new Float64Array(2 * cellCount);

  for (let round = 0; round < rounds; round += 1) {
    drawPromptResample(random, multiplicities);
    listDrawnPrompts(multiplicities, packed.valuesPerPrompt, drawn);
    sumDrawnPrompts(packed, drawn, packedSums);
    unpackSums(packed, packedSums, columnSums, sums);

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

/** Prompts that a resample drew at least once: the offset of each one's packed values and how often it was drawn. */
type DrawnPrompts = { count: number; offsets: Int32Array; multiplicities: Float64Array };

function listDrawnPrompts(multiplicities: Int32Array, valuesPerPrompt: number, drawn: DrawnPrompts): void {
  drawn.count = 0;
  for (let prompt = 0; prompt < multiplicities.length; prompt += 1) {
    if (multiplicities[prompt] !== 0) {
      drawn.offsets[drawn.count] = prompt * valuesPerPrompt;
      drawn.multiplicities[drawn.count] = multiplicities[prompt];
      drawn.count += 1;
    }
  }
}

/**
 * Add up the packed values of the drawn prompts, each times its multiplicity. Eight sums at a
 * time stay in local variables for one pass over the drawn prompts, which took about half as long as
 * adding each prompt's values into the sums array. Every partial sum is an exact integer, so the
 * order of the additions does not change the result.
 */
function sumDrawnPrompts(packed: PackedTerms, drawn: DrawnPrompts, packedSums: Float64Array): void {
  const { values, valuesPerPrompt } = packed;
  const { count, offsets, multiplicities } = drawn;
  let first = 0;
  for (; first + 8 <= valuesPerPrompt; first += 8) {
    let sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0, sum5 = 0, sum6 = 0, sum7 = 0;
    for (let index = 0; index < count; index += 1) {
      const offset = offsets[index] + first;
      const multiplicity = multiplicities[index];
      sum0 += multiplicity * values[offset];
      sum1 += multiplicity * values[offset + 1];
      sum2 += multiplicity * values[offset + 2];
      sum3 += multiplicity * values[offset + 3];
      sum4 += multiplicity * values[offset + 4];
      sum5 += multiplicity * values[offset + 5];
      sum6 += multiplicity * values[offset + 6];
      sum7 += multiplicity * values[offset + 7];
    }
    packedSums.set([sum0, sum1, sum2, sum3, sum4, sum5, sum6, sum7], first);
  }
  for (let value = first; value < valuesPerPrompt; value += 1) {
    let sum = 0;
    for (let index = 0; index < count; index += 1) {
      sum += multiplicities[index] * values[offsets[index] + value];
    }
    packedSums[value] = sum;
  }
}

/**
 * Per-prompt rate terms, with identical columns stored once, packed several to a float: the
 * distinct column d of a prompt is digit d % fieldsPerValue, in base `fieldBase` (a power of
 * two), of value floor(d / fieldsPerValue). Term t reads distinct column columnOfTerm[t].
 */
type PackedTerms = { values: Float64Array; valuesPerPrompt: number; columnOfTerm: Int32Array; columnCount: number; fieldsPerValue: number; fieldBase: number };

/**
 * Pack the non-negative integer terms so that one addition sums several of them. A resample
 * draws `promptCount` prompts, so no field of a resample's sum exceeds promptCount times the
 * largest term. Fields of that many bits never carry into each other, and a sum of such values
 * stays an exact integer while it is below 2^53, the limit of a float's 53-bit significand.
 */
function packTerms(perPrompt: Int32Array, promptCount: number): PackedTerms {
  const { columns, columnOfTerm } = findDistinctColumns(perPrompt, promptCount);
  const termsPerPrompt = columnOfTerm.length;
  let largestTerm = 0;
  for (let index = 0; index < perPrompt.length; index += 1) {
    largestTerm = Math.max(largestTerm, perPrompt[index]);
  }
  const fieldBits = Math.max(1, Math.ceil(Math.log2(promptCount * largestTerm + 1)));
  const fieldsPerValue = Math.max(1, Math.floor(53 / fieldBits));
  const fieldBase = 2 ** fieldBits;
  const valuesPerPrompt = Math.ceil(columns.length / fieldsPerValue);

  const values = new Float64Array(promptCount * valuesPerPrompt);
  for (let prompt = 0; prompt < promptCount; prompt += 1) {
    columns.forEach((term, column) => {
      const field = column % fieldsPerValue;
      values[prompt * valuesPerPrompt + (column - field) / fieldsPerValue] += perPrompt[prompt * termsPerPrompt + term] * fieldBase ** field;
    });
  }
  return { values, valuesPerPrompt, columnOfTerm, columnCount: columns.length, fieldsPerValue, fieldBase };
}

/**
 * Find the terms whose values agree for every prompt, so that the bootstrap sums each such
 * column once. Cells often share a denominator: under tiesAsHalf or strict it is the cell's
 * judgment count, the same for every criterion of an item and, once every item has its quota,
 * for every cell. Returns the first term of each distinct column and each term's column.
 */
function findDistinctColumns(perPrompt: Int32Array, promptCount: number): { columns: number[]; columnOfTerm: Int32Array } {
  const termsPerPrompt = perPrompt.length / promptCount;
  const hashes = new Int32Array(termsPerPrompt);
  for (let prompt = 0; prompt < promptCount; prompt += 1) {
    for (let term = 0; term < termsPerPrompt; term += 1) {
      hashes[term] = Math.imul(hashes[term] ^ perPrompt[prompt * termsPerPrompt + term], 0x01000193);
    }
  }

  const columns: number[] = [];
  const columnOfTerm = new Int32Array(termsPerPrompt);
  const columnsByHash = new Map<number, number[]>();
  for (let term = 0; term < termsPerPrompt; term += 1) {
    const sameHash = columnsByHash.get(hashes[term]) ?? [];
    const match = sameHash.find((column) => columnsAreEqual(perPrompt, termsPerPrompt, columns[column], term));
    if (match === undefined) {
      columnOfTerm[term] = columns.length;
      sameHash.push(columns.length);
      columnsByHash.set(hashes[term], sameHash);
      columns.push(term);
    } else {
      columnOfTerm[term] = match;
    }
  }
  return { columns, columnOfTerm };
}

function columnsAreEqual(perPrompt: Int32Array, termsPerPrompt: number, left: number, right: number): boolean {
  for (let index = 0; index < perPrompt.length; index += termsPerPrompt) {
    if (perPrompt[index + left] !== perPrompt[index + right]) {
      return false;
    }
  }
  return true;
}

/** Split packed sums back into one sum per term. Division by a power of two is exact. */
function unpackSums(packed: PackedTerms, packedSums: Float64Array, columnSums: Float64Array, sums: Float64Array): void {
  for (let value = 0; value < packed.valuesPerPrompt; value += 1) {
    let rest = packedSums[value];
    const first = value * packed.fieldsPerValue;
    const end = Math.min(first + packed.fieldsPerValue, packed.columnCount);
    for (let column = first; column < end; column += 1) {
      const field = rest % packed.fieldBase;
      columnSums[column] = field;
      rest = (rest - field) / packed.fieldBase;
    }
  }
  for (let term = 0; term < sums.length; term += 1) {
    sums[term] = columnSums[packed.columnOfTerm[term]];
  }
}

/**
 * Count, for each mean in the order of bootstrapMeans' replicates, the prompts with data in at
 * least one of its cells under the convention.
 */
function countPromptsPerMean(counts: PromptCellCounts, layout: WinRateLayout, terms: RateTerms): Int32Array {
  const combinationCount = layout.combinationNames.length;
  const meansPerCandidate = combinationCount + 1;
  const promptsPerMean = new Int32Array(layout.candidateSystems.length * meansPerCandidate);

  for (let prompt = 0; prompt < counts.promptCount; prompt += 1) {
    for (let candidate = 0; candidate < layout.candidateSystems.length; candidate += 1) {
      let candidateHasData = false;
      for (let combination = 0; combination < combinationCount; combination += 1) {
        const hasData = layout.criterionKeys.some(
          (_, criterion) => terms.perPrompt[2 * (prompt * counts.cellCount + winRateCellIndex(layout, candidate, combination, criterion)) + 1] > 0,
        );
        if (hasData) {
          promptsPerMean[candidate * meansPerCandidate + combination] += 1;
          candidateHasData = true;
        }
      }
      if (candidateHasData) {
        promptsPerMean[candidate * meansPerCandidate + combinationCount] += 1;
      }
    }
  }
  return promptsPerMean;
}

function withInterval(rates: (number | null)[], n: number, replicates: Float64Array | null, confidence: number): MeanWinRateWithInterval {
  const present = rates.filter((rate): rate is number => rate !== null);
  const winRate = present.length === 0 ? null : present.reduce((sum, rate) => sum + rate, 0) / present.length;
  const interval = winRate === null || replicates === null ? null : computePercentileInterval(replicates, confidence);
  return { winRate, cellsCovered: present.length, cellsTotal: rates.length, n, interval };
}
