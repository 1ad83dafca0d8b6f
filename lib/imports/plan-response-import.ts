import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ResponseImportReport } from "@/lib/imports/import-types";
import { matchOutputRows, responseKey, type MatchedOutputRow } from "@/lib/imports/match-output-rows";
import { parseOutputFile } from "@/lib/imports/parse-output-file";

type DatabaseClient = Pick<PrismaClient, "promptSet" | "combination" | "response" | "system">;

/**
 * Parse a model-output file and match it against a stored prompt set, its stored responses
 * and the stored combinations, without writing. Returns the report shown before import and
 * the rows a confirmed import stores. Throws NOT_FOUND for an unknown prompt set.
 */
export async function planResponseImport({
  client,
  fileName,
  content,
  promptSetId,
  systemName,
}: {
  client: DatabaseClient;
  fileName: string;
  content: string;
  promptSetId: string;
  systemName?: string;
}): Promise<{ report: ResponseImportReport; toStore: MatchedOutputRow[] }> {
  const promptSet = await client.promptSet.findUnique({
    where: { id: promptSetId },
    select: { id: true, name: true, prompts: { select: { id: true, externalId: true, text: true }, orderBy: { position: "asc" } } },
  });
  if (!promptSet) {
    throw new AppError("NOT_FOUND", `Prompt set ${promptSetId} does not exist. Choose a prompt set from the list, or upload one first.`);
  }

  const parsed = parseOutputFile({ fileName, content });
  const systemOverride = systemName?.trim() || undefined;
  const systemNames = systemOverride ? [systemOverride] : [...new Set(parsed.rows.flatMap((row) => (row.system ? [row.system] : [])))];

  // Sequential, because inside a transaction every query runs on the one connection.
  const combinations = await client.combination.findMany({ select: { id: true, name: true, sideKeys: true } });
  const storedResponses = await client.response.findMany({
    where: { prompt: { promptSetId }, system: { name: { in: systemNames } } },
    select: { promptId: true, combinationId: true, system: { select: { name: true } } },
  });
  const storedSystems = await client.system.findMany({ where: { name: { in: systemNames } }, select: { name: true } });

  const match = matchOutputRows({
    rows: parsed.rows,
    prompts: promptSet.prompts,
    combinations,
    systemOverride,
    storedKeys: new Set(storedResponses.map((response) => responseKey(response.promptId, response.system.name, response.combinationId))),
  });

  const matchedRows = [...match.toStore.map((row) => ({ promptExternalId: row.prompt.externalId, system: row.systemName })), ...match.duplicates];
  const storedSystemNames = new Set(storedSystems.map((system) => system.name));
  const answeredPrompts = new Set(matchedRows.map((row) => row.promptExternalId));

  const report: ResponseImportReport = {
    fileName,
    format: parsed.format,
    promptSetId: promptSet.id,
    promptSetName: promptSet.name,
    rowsRead: parsed.rowsRead,
    matched: matchedRows.length,
    unmatched: match.unmatched,
    duplicates: match.duplicates,
    errors: [...parsed.errors, ...match.errors].sort((left, right) => (left.line ?? 0) - (right.line ?? 0)),
    toStore: match.toStore.length,
    systems: [...new Set(matchedRows.map((row) => row.system))].map((name) => ({ name, isNew: !storedSystemNames.has(name) })),
    promptsWithoutResponse: promptSet.prompts.filter((prompt) => !answeredPrompts.has(prompt.externalId)).length,
  };
  return { report, toStore: match.toStore };
}
