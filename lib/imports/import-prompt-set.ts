import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { describeImportIssue } from "@/lib/imports/describe-import-issue";
import type { PromptImportReport } from "@/lib/imports/import-types";
import { planPromptImport } from "@/lib/imports/plan-prompt-import";

/**
 * Store a prompt file as a new prompt set named `name`, with all its prompts, in one
 * transaction, and record the import batch. The file is parsed again here, so what is stored
 * is what a preview of the same content reported. Any problem in the file rejects the whole
 * import with INVALID_INPUT, carrying the report in the error's details. A taken name is a CONFLICT.
 */
export async function importPromptSet(options: {
  actor: Actor;
  fileName: string;
  content: string;
  name: string;
}): Promise<PromptImportReport> {
  const actor = assertRole(options.actor, "ADMIN");

  try {
    return await db.$transaction(
      async (tx) => {
        const { report, prompts, nameTaken } = await planPromptImport({ client: tx, ...options });
        rejectProblems(report, nameTaken);

        const promptSet = await tx.promptSet.create({ data: { name: report.promptSetName, sourceFileName: options.fileName } });

        await tx.prompt.createMany({
          data: prompts.map((prompt, position) => ({ promptSetId: promptSet.id, externalId: prompt.externalId, text: prompt.text, position })),
        });

        const batch = await tx.importBatch.create({
          data: { kind: "PROMPT_SET", fileName: options.fileName, rowsRead: report.rowsRead, rowsStored: prompts.length, createdById: actor.id },
        });

        return { ...report, promptSetId: promptSet.id, importBatchId: batch.id };
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  } catch (error) {
    // A prompt set created with the same name after the check above.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A prompt set named "${options.name.trim()}" already exists. Choose another name.`);
    }
    throw error;
  }
}

function rejectProblems(report: PromptImportReport, nameTaken: boolean): void {
  if (report.errors.length === 0) {
    return;
  }

  const [first] = report.errors;
  const count = report.errors.length === 1 ? "1 problem" : `${report.errors.length} problems`;
  throw new AppError(nameTaken ? "CONFLICT" : "INVALID_INPUT", `Nothing was imported (${count}). ${describeImportIssue(first)}`, { report });
}
