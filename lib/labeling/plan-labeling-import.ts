import { db } from "@/lib/db/prisma";
import type { ImportIssue } from "@/lib/imports/import-types";
import { toSnippet } from "@/lib/imports/to-snippet";
import type { LabelingImportReport, ParsedLabelingPair } from "@/lib/labeling/labeling-types";
import { parseLabelingFile } from "@/lib/labeling/parse-labeling-file";

export const LABELING_SET_NAME_MAX_LENGTH = 200;
const SAMPLE_SIZE = 5;

/**
 * Parse a labelling file, match each rollout's preference prompt to the side whose generation
 * prompt it equals (ignoring surrounding whitespace), and check the name, without writing.
 */
export async function planLabelingImport({ fileName, content, name }: { fileName: string; content: string; name: string }): Promise<{
  report: LabelingImportReport;
  pairs: (ParsedLabelingPair & { sideId: string | null })[];
}> {
  const parsed = parseLabelingFile({ fileName, content });
  const setName = name.trim();

  const nameErrors: ImportIssue[] = [];
  if (setName === "") {
    nameErrors.push({ field: "name", message: "The labelling set name is empty. Enter a name." });
  } else if (setName.length > LABELING_SET_NAME_MAX_LENGTH) {
    nameErrors.push({ field: "name", message: `The labelling set name has ${setName.length} characters; shorten it to ${LABELING_SET_NAME_MAX_LENGTH} or fewer.` });
  } else if (await db.labelingSet.findUnique({ where: { name: setName }, select: { id: true } })) {
    nameErrors.push({ field: "name", message: `A labelling set named "${setName}" already exists. Choose another name.` });
  }

  const sides = await db.side.findMany({ select: { id: true, key: true, generationPrompt: true } });
  const sideByPrompt = new Map(sides.map((side) => [side.generationPrompt.trim(), side]));
  const counts = new Map<string, number>();
  let unmatchedPairs = 0;
  let neutralPairs = 0;

  const pairs = parsed.pairs.map((pair) => {
    const side = pair.preferencePrompt ? sideByPrompt.get(pair.preferencePrompt.trim()) : undefined;
    if (side) {
      counts.set(side.key, (counts.get(side.key) ?? 0) + 1);
    } else if (parsed.format === "ROLLOUT" && pair.preferencePrompt.trim() === "") {
      neutralPairs += 1;
    } else if (parsed.format === "ROLLOUT") {
      unmatchedPairs += 1;
    }
    return { ...pair, sideId: side?.id ?? null };
  });

  const report: LabelingImportReport = {
    fileName,
    fileFormat: parsed.fileFormat,
    format: parsed.pairs.length > 0 || parsed.errors.length === 0 ? parsed.format : null,
    name: setName,
    rowsRead: parsed.rowsRead,
    pairCount: pairs.length,
    matchedSides: [...counts].sort(([left], [right]) => left.localeCompare(right)).map(([sideKey, pairCount]) => ({ sideKey, pairCount })),
    unmatchedPairs,
    neutralPairs,
    errors: [...nameErrors, ...parsed.errors],
    sample: pairs.slice(0, SAMPLE_SIZE).map((pair) => ({ line: pair.line, instructionSnippet: toSnippet(pair.instruction), preferencePrompt: pair.preferencePrompt })),
  };
  return { report, pairs };
}
