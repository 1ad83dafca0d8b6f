import Papa from "papaparse";

import type { ExportWriterContext, ExportWriterResult } from "@/lib/exports/export-writer";
import type { JudgmentExportParameters } from "@/lib/exports/export-parameters";
import { openExportFile } from "@/lib/exports/open-export-file";
import { readQueryRows } from "@/lib/exports/read-query-rows";

/** Fields of every judgment row, in CSV column order. JSONL rows have the same keys. */
export const JUDGMENT_EXPORT_FIELDS = [
  "judgment_id",
  "study_id",
  "item_id",
  "prompt_set",
  "prompt_external_id",
  "prompt",
  "combination",
  "combination_side_keys",
  "criterion_side_key",
  "judge_criterion",
  "candidate_system",
  "baseline_system",
  "candidate_response",
  "baseline_response",
  "shown_first",
  "verdict",
  "judge_type",
  "crowdworker_pseudonym",
  "judge_name",
  "judge_version",
  "judge_model",
  "judge_version_id",
  "order_seed",
  "created_at",
  "excluded",
] as const;

type JudgmentField = (typeof JUDGMENT_EXPORT_FIELDS)[number];
type JudgmentRow = Record<Exclude<JudgmentField, "excluded">, string | number | null> & { user_id: string | null };

/**
 * Regular items only, as in the win rates. $1 study id, $2 judge type or null for both,
 * $3 whether to leave out the crowdworkers in $4.
 */
const JUDGMENT_FILTER = `si."studyId" = $1 and si.kind = 'REGULAR'
  and ($2::"JudgeType" is null or j."judgeType" = $2::"JudgeType")
  and (not $3::boolean or j."userId" is null or not (j."userId" = any($4::text[])))`;

// Crowdworkers appear by pseudonym only, so the participant id never leaves the database.
export const JUDGMENT_EXPORT_QUERY = `
  select j.id as judgment_id, si."studyId" as study_id, si.id as item_id, ps.name as prompt_set,
         p."externalId" as prompt_external_id, p.text as prompt, c.name as combination,
         c."sideKeys" as combination_side_keys, cs.key as criterion_side_key,
         cs."judgeCriterion" as judge_criterion, csys.name as candidate_system, bsys.name as baseline_system,
         cr.text as candidate_response, br.text as baseline_response, j."shownFirst"::text as shown_first,
         j.verdict::text as verdict, j."judgeType"::text as judge_type, u.pseudonym as crowdworker_pseudonym,
         jg.name as judge_name, jv.version as judge_version, jv.model as judge_model, jv.id as judge_version_id,
         a."orderSeed" as order_seed, to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
         j."userId" as user_id
  from "Judgment" j
  join "StudyItem" si on si.id = j."studyItemId"
  join "Prompt" p on p.id = si."promptId"
  join "PromptSet" ps on ps.id = p."promptSetId"
  join "Combination" c on c.id = si."combinationId"
  join "Side" cs on cs.id = j."criterionSideId"
  join "Response" cr on cr.id = si."candidateResponseId"
  join "Response" br on br.id = si."baselineResponseId"
  join "System" csys on csys.id = cr."systemId"
  join "System" bsys on bsys.id = br."systemId"
  left join "User" u on u.id = j."userId"
  left join "Assignment" a on a.id = j."assignmentId"
  left join "JudgeVersion" jv on jv.id = j."judgeVersionId"
  left join "Judge" jg on jg.id = jv."judgeId"
  where ${JUDGMENT_FILTER}
  order by j.id`;

const JUDGE_TYPES = { all: null, human: "HUMAN", simulated: "SIMULATED" } as const;

/**
 * Write a study's judgments to `judgments.csv` or `judgments.jsonl`, one row per judgment in
 * judgment id order. `excluded` is true for judgments of crowdworkers whose exclusion is in
 * force when the export runs. With `excludedCrowdworkers: "omit"` those rows are left out
 * and counted instead.
 */
export async function writeJudgmentExport(parameters: JudgmentExportParameters, context: ExportWriterContext): Promise<ExportWriterResult> {
  const { client } = context;

  const excluded = await client.query<{ userId: string }>(
    `select distinct "userId" from "CrowdworkerExclusion" where "studyId" = $1 and "revokedAt" is null`,
    [parameters.studyId],
  );
  const excludedUserIds = excluded.rows.map((row) => row.userId);
  const excludedSet = new Set(excludedUserIds);
  const judgeType = JUDGE_TYPES[parameters.judgeType];

  const counts = await client.query<{ total: number; excluded: number }>(
    `select count(*)::int as total, count(*) filter (where j."userId" = any($4::text[]))::int as excluded
     from "Judgment" j join "StudyItem" si on si.id = j."studyItemId" where ${JUDGMENT_FILTER}`,
    [parameters.studyId, judgeType, false, excludedUserIds],
  );
  const { total, excluded: excludedRows } = counts.rows[0];
  const omitted = parameters.excludedCrowdworkers === "omit" ? excludedRows : 0;
  await context.setRowsTotal(total - omitted);

  const values = [parameters.studyId, judgeType, parameters.excludedCrowdworkers === "omit", excludedUserIds];
  const judgeVersions = await client.query<{ id: string }>(
    `select distinct j."judgeVersionId" as id from "Judgment" j join "StudyItem" si on si.id = j."studyItemId"
     where ${JUDGMENT_FILTER} and j."judgeVersionId" is not null order by 1`,
    values,
  );

  const header = parameters.format === "csv" ? `${Papa.unparse([[...JUDGMENT_EXPORT_FIELDS]])}\r\n` : "";
  const file = openExportFile(context.folder, `judgments.${parameters.format}`, header);

  let written = 0;
  for await (const batch of readQueryRows<JudgmentRow>(client, JUDGMENT_EXPORT_QUERY, values)) {
    for (const row of batch) {
      const { user_id: userId, ...fields } = row;
      const record = { ...fields, excluded: userId !== null && excludedSet.has(userId) };
      await file.writeRow(parameters.format === "csv" ? toCsvLine(record) : `${JSON.stringify(record)}\n`);
    }
    written += batch.length;
    await context.reportProgress(written);
  }

  const summary = await file.close();
  return {
    files: [summary],
    counts: { judgments: written, excludedCrowdworkerJudgments: excludedRows, omittedExcludedJudgments: omitted },
    judgeVersionIds: judgeVersions.rows.map((row) => row.id),
  };
}

function toCsvLine(record: Record<JudgmentField, string | number | boolean | null>): string {
  const cells = JUDGMENT_EXPORT_FIELDS.map((field) => {
    const value = record[field];
    return value === null ? "" : String(value);
  });
  return `${Papa.unparse([cells])}\r\n`;
}
