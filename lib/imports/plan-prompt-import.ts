import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportIssue, ParsedPrompt, PromptImportReport } from "@/lib/imports/import-types";
import { parsePromptFile } from "@/lib/imports/parse-prompt-file";
import { toSnippet } from "@/lib/imports/to-snippet";

export const PROMPT_SET_NAME_MAX_LENGTH = 200;
const SAMPLE_SIZE = 5;

type DatabaseClient = Pick<PrismaClient, "promptSet">;

/**
 * Parse a prompt file and check the prompt set name against the stored ones, without
 * writing. Returns the report shown before import and the prompts a confirmed import stores.
 */
export async function planPromptImport({
  client,
  fileName,
  content,
  name,
}: {
  client: DatabaseClient;
  fileName: string;
  content: string;
  name: string;
}): Promise<{ report: PromptImportReport; prompts: ParsedPrompt[]; nameTaken: boolean }> {
  const parsed = parsePromptFile({ fileName, content });
  const promptSetName = name.trim();

  const nameTaken = promptSetName !== "" && (await client.promptSet.findUnique({ where: { name: promptSetName }, select: { id: true } })) !== null;

  const nameErrors: ImportIssue[] = [];
  if (promptSetName === "") {
    nameErrors.push({ field: "name", message: "The prompt set name is empty. Enter a name for the prompt set." });
  } else if (promptSetName.length > PROMPT_SET_NAME_MAX_LENGTH) {
    nameErrors.push({ field: "name", message: `The prompt set name has ${promptSetName.length} characters; shorten it to ${PROMPT_SET_NAME_MAX_LENGTH} or fewer.` });
  } else if (nameTaken) {
    nameErrors.push({ field: "name", message: `A prompt set named "${promptSetName}" already exists. Choose another name.` });
  }

  const report: PromptImportReport = {
    fileName,
    format: parsed.format,
    promptSetName,
    rowsRead: parsed.rowsRead,
    promptCount: parsed.prompts.length,
    idSource: parsed.idSource,
    duplicateIds: parsed.duplicateIds,
    errors: [...nameErrors, ...parsed.errors],
    sample: parsed.prompts.slice(0, SAMPLE_SIZE).map((prompt) => ({
      externalId: prompt.externalId,
      textSnippet: toSnippet(prompt.text),
    })),
  };
  return { report, prompts: parsed.prompts, nameTaken };
}
