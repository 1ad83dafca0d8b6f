import { buildTrainingPrompt } from "@/lib/exports/build-training-prompt";
import { drawSeededUnit, splitForPrompt } from "@/lib/exports/draw-seeded-unit";
import type { RewardModelExportParameters } from "@/lib/exports/export-parameters";
import type { ExportWriterContext, ExportWriterResult } from "@/lib/exports/export-writer";
import { findOppositeSides } from "@/lib/exports/find-opposite-sides";
import { openExportFile, type ExportFile } from "@/lib/exports/open-export-file";
import { readQueryRows } from "@/lib/exports/read-query-rows";
import type { LabelingOutcome } from "@/lib/generated/prisma/enums";

/** The four comparisons per training prompt and side, in the order the rows are written. */
export const COMPARISON_KINDS = ["positive_positive", "positive_neutral", "positive_negative", "neutral_negative"] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

type PairRow = {
  id: string;
  instruction: string;
  input: string;
  preferencePrompt: string;
  sideKey: string | null;
  output1: string;
  output2: string;
  outcome: LabelingOutcome | null;
};

type Response = { text: string; source: string };

type SideCounts = {
  prompts: number;
  rows: Record<ComparisonKind, number>;
  skippedTie: number;
  skippedInconsistent: number;
  missingVerdict: number;
  missingNeutral: number;
  missingNegative: number;
  duplicatePairs: number;
};

// Grouping needs every pair of a prompt together, and ordering by the texts does that without a prompt table.
const PAIR_QUERY = `
  select lp.id, lp.instruction, lp.input, lp."preferencePrompt" as "preferencePrompt", s.key as "sideKey",
         lp.output1, lp.output2, lv.outcome::text as outcome
  from "LabelingPair" lp
  left join "Side" s on s.id = lp."sideId"
  left join "LabelingVerdict" lv on lv."pairId" = lp.id and lv."judgeVersionId" = $2
  where lp."labelingSetId" = $1
  order by lp.instruction, lp.input, lp.position`;

/**
 * Write a reward-model training set from a labelling set. For each training prompt (one
 * instruction and input) and each side with a pair of rollouts under its preference prompt:
 * positive 1 against positive 2 ordered by the chosen judge version's verdict, one positive
 * drawn from the seed against the neutral rollout, the same positive against the negative
 * rollout, and the neutral against the negative. The neutral is output 1 of the pair with no
 * preference prompt, the negative output 1 of the opposite side's pair. Ties, inconsistent
 * verdicts and missing pieces are counted per side instead of written.
 */
export async function writeRewardModelExport(parameters: RewardModelExportParameters, context: ExportWriterContext): Promise<ExportWriterResult> {
  const { client } = context;

  const judge = await client.query<{ judgeName: string; version: number }>(
    `select j.name as "judgeName", jv.version from "JudgeVersion" jv join "Judge" j on j.id = jv."judgeId" where jv.id = $1`,
    [parameters.judgeVersionId],
  );
  if (judge.rows.length === 0) {
    throw new Error(`Judge version ${parameters.judgeVersionId} no longer exists. Create the export again with an existing judge version.`);
  }
  const judgeLabel = `${judge.rows[0].judgeName} v${judge.rows[0].version}`;
  const opposites = await findOppositeSides(client);

  // Both splits of a file set are opened together, so every side has an eval file, empty or not.
  const files = new Map<string, ExportFile>();
  const fileFor = (sideKey: string, split: "train" | "eval") => {
    const prefix = parameters.layout === "multitask" ? "" : `${sideKey}.`;
    if (!files.has(`${prefix}train.jsonl`)) {
      for (const name of [`${prefix}train.jsonl`, `${prefix}eval.jsonl`]) {
        files.set(name, openExportFile(context.folder, name));
      }
    }
    return files.get(`${prefix}${split}.jsonl`)!;
  };
  if (parameters.layout === "multitask") {
    fileFor("", "train");
  }

  const sideCounts = new Map<string, SideCounts>();
  const countsFor = (sideKey: string) => {
    let counts = sideCounts.get(sideKey);
    if (!counts) {
      counts = newSideCounts();
      sideCounts.set(sideKey, counts);
    }
    return counts;
  };
  const totals = { prompts: 0, pairsRead: 0, rowsWritten: 0, trainRows: 0, evalRows: 0, unknownPreferencePairs: 0, duplicateNeutralPairs: 0, promptsWithoutPositives: 0 };

  async function writePrompt(pairs: PairRow[]) {
    const { instruction, input } = pairs[0];
    const promptKey = `${instruction}\u0000${input}`;
    const split = splitForPrompt(parameters.seed, promptKey, parameters.evalFraction);
    totals.prompts += 1;

    const positives = new Map<string, PairRow>();
    let neutralPair: PairRow | undefined;
    for (const pair of pairs) {
      if (pair.sideKey !== null) {
        if (positives.has(pair.sideKey)) {
          countsFor(pair.sideKey).duplicatePairs += 1;
        } else {
          positives.set(pair.sideKey, pair);
        }
      } else if (pair.preferencePrompt.trim() === "") {
        if (neutralPair) {
          totals.duplicateNeutralPairs += 1;
        } else {
          neutralPair = pair;
        }
      } else {
        totals.unknownPreferencePairs += 1;
      }
    }
    if (positives.size === 0) {
      totals.promptsWithoutPositives += 1;
    }

    const neutral: Response | null = neutralPair ? { text: neutralPair.output1, source: `${neutralPair.id}/output_1` } : null;
    for (const [sideKey, pair] of positives) {
      const counts = countsFor(sideKey);
      counts.prompts += 1;
      const oppositeKey = opposites.get(sideKey);
      const negativePair = oppositeKey ? positives.get(oppositeKey) : undefined;
      const negative: Response | null = negativePair ? { text: negativePair.output1, source: `${negativePair.id}/output_1` } : null;
      const prompt = buildTrainingPrompt(instruction, input, [pair.preferencePrompt]);
      const file = fileFor(sideKey, split);

      const write = async (comparison: ComparisonKind, chosen: Response, rejected: Response, orderedBy: string) => {
        await file.writeRow(`${JSON.stringify(toRow({ prompt, chosen, rejected, comparison, orderedBy, sideKey, preference: pair.preferencePrompt, split }))}\n`);
        counts.rows[comparison] += 1;
        totals.rowsWritten += 1;
        totals[split === "train" ? "trainRows" : "evalRows"] += 1;
      };

      const first = { text: pair.output1, source: `${pair.id}/output_1` };
      const second = { text: pair.output2, source: `${pair.id}/output_2` };
      if (pair.outcome === "FIRST") {
        await write("positive_positive", first, second, `judge ${judgeLabel}`);
      } else if (pair.outcome === "SECOND") {
        await write("positive_positive", second, first, `judge ${judgeLabel}`);
      } else if (pair.outcome === "TIE") {
        counts.skippedTie += 1;
      } else if (pair.outcome === "INCONSISTENT") {
        counts.skippedInconsistent += 1;
      } else {
        counts.missingVerdict += 1;
      }

      const positive = drawSeededUnit(parameters.seed, `positive\u0000${promptKey}\u0000${sideKey}`) < 0.5 ? first : second;
      if (neutral) {
        await write("positive_neutral", positive, neutral, "generation prompt");
      } else {
        counts.missingNeutral += 1;
      }
      if (negative) {
        await write("positive_negative", positive, negative, "generation prompt");
      } else {
        counts.missingNegative += 1;
      }
      if (neutral && negative) {
        await write("neutral_negative", neutral, negative, "generation prompt");
      }
    }
  }

  function toRow(row: { prompt: string; chosen: Response; rejected: Response; comparison: ComparisonKind; orderedBy: string; sideKey: string; preference: string; split: string }) {
    const texts =
      parameters.format === "trl"
        ? { prompt: row.prompt, chosen: row.chosen.text, rejected: row.rejected.text }
        : { user_input: row.prompt, completion_a: row.chosen.text, completion_b: row.rejected.text };
    return {
      ...texts,
      side: row.sideKey,
      preference: row.preference,
      comparison: row.comparison,
      ordered_by: row.orderedBy,
      chosen_source: row.chosen.source,
      rejected_source: row.rejected.source,
      split: row.split,
    };
  }

  let group: PairRow[] = [];
  for await (const batch of readQueryRows<PairRow>(client, PAIR_QUERY, [parameters.labelingSetId, parameters.judgeVersionId])) {
    for (const pair of batch) {
      const previous = group[0];
      if (previous && (previous.instruction !== pair.instruction || previous.input !== pair.input)) {
        await writePrompt(group);
        group = [];
      }
      group.push(pair);
    }
    totals.pairsRead += batch.length;
    await context.reportProgress(totals.rowsWritten);
  }
  if (group.length > 0) {
    await writePrompt(group);
  }

  const summaries = [];
  for (const file of files.values()) {
    summaries.push(await file.close());
  }
  return {
    files: summaries.sort((left, right) => left.name.localeCompare(right.name)),
    counts: { ...totals, sides: Object.fromEntries([...sideCounts].sort(([left], [right]) => left.localeCompare(right))) },
    judgeVersionIds: [parameters.judgeVersionId],
  };
}

function newSideCounts(): SideCounts {
  return {
    prompts: 0,
    rows: { positive_positive: 0, positive_neutral: 0, positive_negative: 0, neutral_negative: 0 },
    skippedTie: 0,
    skippedInconsistent: 0,
    missingVerdict: 0,
    missingNeutral: 0,
    missingNegative: 0,
    duplicatePairs: 0,
  };
}
