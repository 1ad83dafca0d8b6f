import { buildTrainingPrompt } from "@/lib/exports/build-training-prompt";
import { splitForPrompt } from "@/lib/exports/draw-seeded-unit";
import type { LabelingPairExportParameters } from "@/lib/exports/export-parameters";
import type { ExportWriterContext, ExportWriterResult } from "@/lib/exports/export-writer";
import { openExportFile } from "@/lib/exports/open-export-file";
import { readQueryRows } from "@/lib/exports/read-query-rows";
import type { LabelingOutcome } from "@/lib/generated/prisma/enums";

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

type Criterion = { key: string; generationPrompt: string };

const PAIR_QUERY = `
  select lp.id, lp.instruction, lp.input, lp."preferencePrompt" as "preferencePrompt", s.key as "sideKey",
         lp.output1, lp.output2, lv.outcome::text as outcome
  from "LabelingPair" lp
  left join "Side" s on s.id = lp."sideId"
  left join "LabelingVerdict" lv on lv."pairId" = lp.id and lv."judgeVersionId" = $2
  where lp."labelingSetId" = $1
  order by lp.position`;

/**
 * Write the pairs of a labelling set that one judge version preferred an output of, as
 * chosen and rejected responses. The prompt is the instruction, the input and the preference
 * sentence: the pair's preference prompt as uploaded when it matches a side, else (AlpacaFarm
 * pairs, neutral and unmatched rollouts) the generation prompt of the criterion side the
 * judge runs used. Ties,
 * inconsistent verdicts and pairs without a verdict are counted instead of written. Rows go
 * to `train.jsonl` or `eval.jsonl` by instruction and input, from the seed.
 */
export async function writeLabelingPairExport(parameters: LabelingPairExportParameters, context: ExportWriterContext): Promise<ExportWriterResult> {
  const { client } = context;

  const judge = await client.query<{ judgeName: string; version: number }>(
    `select j.name as "judgeName", jv.version from "JudgeVersion" jv join "Judge" j on j.id = jv."judgeId" where jv.id = $1`,
    [parameters.judgeVersionId],
  );
  if (judge.rows.length === 0) {
    throw new Error(`Judge version ${parameters.judgeVersionId} was not found. Create the export again with an existing judge version.`);
  }
  const judgeLabel = `judge ${judge.rows[0].judgeName} v${judge.rows[0].version}`;

  // Pairs without a side were judged on the criterion side of their run. The verdict does not
  // record which run made it, so that criterion is known only when every run used the same one.
  const criteria = await client.query<Criterion>(
    `select distinct s.key, s."generationPrompt" as "generationPrompt"
     from "JudgeRun" jr join "Side" s on s.id = jr."criterionSideId"
     where jr."labelingSetId" = $1 and jr."judgeVersionId" = $2
     order by s.key`,
    [parameters.labelingSetId, parameters.judgeVersionId],
  );
  const runCriterion = criteria.rows.length === 1 ? criteria.rows[0] : null;
  const total = await client.query<{ count: number }>(`select count(*)::int as count from "LabelingPair" where "labelingSetId" = $1`, [parameters.labelingSetId]);
  await context.setRowsTotal(total.rows[0].count);

  const train = openExportFile(context.folder, "train.jsonl");
  const evaluation = openExportFile(context.folder, "eval.jsonl");
  const counts = {
    pairsRead: 0,
    rowsWritten: 0,
    trainRows: 0,
    evalRows: 0,
    skippedTie: 0,
    skippedInconsistent: 0,
    missingVerdict: 0,
    skippedUnknownCriterion: 0,
    criterionSideKeys: criteria.rows.map((criterion) => criterion.key),
    rowsBySide: {} as Record<string, number>,
  };

  for await (const batch of readQueryRows<PairRow>(client, PAIR_QUERY, [parameters.labelingSetId, parameters.judgeVersionId])) {
    for (const pair of batch) {
      counts.pairsRead += 1;
      if (pair.outcome === "TIE") {
        counts.skippedTie += 1;
        continue;
      }
      if (pair.outcome === "INCONSISTENT") {
        counts.skippedInconsistent += 1;
        continue;
      }
      if (pair.outcome === null) {
        counts.missingVerdict += 1;
        continue;
      }

      const preference = readPreference(pair, runCriterion);
      if (!preference) {
        counts.skippedUnknownCriterion += 1;
        continue;
      }

      const first = { text: pair.output1, source: `${pair.id}/output_1` };
      const second = { text: pair.output2, source: `${pair.id}/output_2` };
      const [chosen, rejected] = pair.outcome === "FIRST" ? [first, second] : [second, first];
      const prompt = buildTrainingPrompt(pair.instruction, pair.input, [preference.sentence]);
      const split = splitForPrompt(parameters.seed, `${pair.instruction}\u0000${pair.input}`, parameters.evalFraction);
      const texts =
        parameters.format === "trl"
          ? { prompt, chosen: chosen.text, rejected: rejected.text }
          : { user_input: prompt, completion_a: chosen.text, completion_b: rejected.text };
      const row = {
        ...texts,
        side: preference.sideKey,
        preference: preference.sentence,
        comparison: "judge_verdict",
        ordered_by: judgeLabel,
        chosen_source: chosen.source,
        rejected_source: rejected.source,
        split,
      };

      await (split === "train" ? train : evaluation).writeRow(`${JSON.stringify(row)}\n`);
      counts.rowsWritten += 1;
      counts[split === "train" ? "trainRows" : "evalRows"] += 1;
      counts.rowsBySide[preference.sideKey] = (counts.rowsBySide[preference.sideKey] ?? 0) + 1;
    }
    await context.reportProgress(counts.pairsRead);
  }

  return { files: [await evaluation.close(), await train.close()], counts, judgeVersionIds: [parameters.judgeVersionId] };
}

/**
 * Pick the preference sentence of a pair's prompt and its side: the uploaded preference prompt
 * of a pair matched to a side, else the generation prompt of the runs' criterion side, which
 * the judge used for the verdict. Returns null when the runs used several criterion sides.
 */
function readPreference(pair: PairRow, runCriterion: Criterion | null): { sentence: string; sideKey: string } | null {
  if (pair.sideKey !== null) {
    return { sentence: pair.preferencePrompt, sideKey: pair.sideKey };
  }
  if (!runCriterion) {
    return null;
  }
  return { sentence: runCriterion.generationPrompt, sideKey: runCriterion.key };
}
