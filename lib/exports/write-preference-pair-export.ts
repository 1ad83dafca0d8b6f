import { buildTrainingPrompt } from "@/lib/exports/build-training-prompt";
import { splitForPrompt } from "@/lib/exports/draw-seeded-unit";
import type { PreferencePairExportParameters } from "@/lib/exports/export-parameters";
import type { ExportWriterContext, ExportWriterResult } from "@/lib/exports/export-writer";
import { openExportFile } from "@/lib/exports/open-export-file";
import { readQueryRows } from "@/lib/exports/read-query-rows";

type HumanJudgmentRow = {
  judgmentId: string;
  verdict: "CANDIDATE" | "TIE" | "BASELINE";
  userId: string | null;
  pseudonym: string | null;
  promptId: string;
  promptText: string;
  combinationId: string;
  combination: string;
  criterionSideKey: string;
  candidateSystem: string;
  baselineSystem: string;
  candidateText: string;
  baselineText: string;
};

const FILTER = `si."studyId" = $1 and si.kind = 'REGULAR' and j."judgeType" = 'HUMAN'`;

const JUDGMENT_QUERY = `
  select j.id as "judgmentId", j.verdict::text as verdict, j."userId" as "userId", u.pseudonym,
         p.id as "promptId", p.text as "promptText", c.id as "combinationId", c.name as combination,
         cs.key as "criterionSideKey", csys.name as "candidateSystem", bsys.name as "baselineSystem",
         cr.text as "candidateText", br.text as "baselineText"
  from "Judgment" j
  join "StudyItem" si on si.id = j."studyItemId"
  join "Prompt" p on p.id = si."promptId"
  join "Combination" c on c.id = si."combinationId"
  join "Side" cs on cs.id = j."criterionSideId"
  join "Response" cr on cr.id = si."candidateResponseId"
  join "Response" br on br.id = si."baselineResponseId"
  join "System" csys on csys.id = cr."systemId"
  join "System" bsys on bsys.id = br."systemId"
  left join "User" u on u.id = j."userId"
  where ${FILTER}
  order by j.id`;

/**
 * Write DPO-style preference pairs from a study's human judgments on regular items: the
 * prompt followed by the combination's generation prompts, the preferred response as
 * `chosen` and the other as `rejected`. Ties and judgments of excluded crowdworkers are
 * counted, not written. Rows go to `train.jsonl` or `eval.jsonl` by prompt, from the seed.
 */
export async function writePreferencePairExport(parameters: PreferencePairExportParameters, context: ExportWriterContext): Promise<ExportWriterResult> {
  const { client } = context;

  const excluded = await client.query<{ userId: string }>(
    `select distinct "userId" from "CrowdworkerExclusion" where "studyId" = $1 and "revokedAt" is null`,
    [parameters.studyId],
  );
  const excludedUserIds = new Set(excluded.rows.map((row) => row.userId));
  const sentences = await client.query<{ combinationId: string; sentence: string }>(
    `select cbs."combinationId" as "combinationId", s."generationPrompt" as sentence
     from "CombinationSide" cbs join "Side" s on s.id = cbs."sideId"
     where cbs."combinationId" in (select "combinationId" from "StudyCombination" where "studyId" = $1)
     order by cbs."combinationId", cbs.position`,
    [parameters.studyId],
  );
  const sentencesByCombination = new Map<string, string[]>();
  for (const row of sentences.rows) {
    sentencesByCombination.set(row.combinationId, [...(sentencesByCombination.get(row.combinationId) ?? []), row.sentence]);
  }
  const total = await client.query<{ count: number }>(
    `select count(*)::int as count from "Judgment" j join "StudyItem" si on si.id = j."studyItemId" where ${FILTER}`,
    [parameters.studyId],
  );
  await context.setRowsTotal(total.rows[0].count);

  const train = openExportFile(context.folder, "train.jsonl");
  const evaluation = openExportFile(context.folder, "eval.jsonl");
  const counts = { humanJudgments: 0, rowsWritten: 0, trainRows: 0, evalRows: 0, skippedTie: 0, skippedExcludedCrowdworker: 0 };

  for await (const batch of readQueryRows<HumanJudgmentRow>(client, JUDGMENT_QUERY, [parameters.studyId])) {
    for (const judgment of batch) {
      counts.humanJudgments += 1;
      if (judgment.userId !== null && excludedUserIds.has(judgment.userId)) {
        counts.skippedExcludedCrowdworker += 1;
        continue;
      }
      if (judgment.verdict === "TIE") {
        counts.skippedTie += 1;
        continue;
      }

      const candidateWon = judgment.verdict === "CANDIDATE";
      const split = splitForPrompt(parameters.seed, judgment.promptId, parameters.evalFraction);
      const row = {
        prompt: buildTrainingPrompt(judgment.promptText, "", sentencesByCombination.get(judgment.combinationId) ?? []),
        chosen: candidateWon ? judgment.candidateText : judgment.baselineText,
        rejected: candidateWon ? judgment.baselineText : judgment.candidateText,
        comparison: "human_judgment",
        combination: judgment.combination,
        criterion_side_key: judgment.criterionSideKey,
        chosen_system: candidateWon ? judgment.candidateSystem : judgment.baselineSystem,
        rejected_system: candidateWon ? judgment.baselineSystem : judgment.candidateSystem,
        judgment_id: judgment.judgmentId,
        crowdworker_pseudonym: judgment.pseudonym,
        split,
      };
      await (split === "train" ? train : evaluation).writeRow(`${JSON.stringify(row)}\n`);
      counts.rowsWritten += 1;
      counts[split === "train" ? "trainRows" : "evalRows"] += 1;
    }
    await context.reportProgress(counts.humanJudgments);
  }

  return { files: [await evaluation.close(), await train.close()], counts, judgeVersionIds: [] };
}
