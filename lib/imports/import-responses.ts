import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { describeImportIssue } from "@/lib/imports/describe-import-issue";
import type { ResponseImportReport } from "@/lib/imports/import-types";
import { planResponseImport } from "@/lib/imports/plan-response-import";

/** Rows per INSERT, which keeps each statement well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK_SIZE = 1_000;

/**
 * Store the matched rows of a model-output file as responses to a prompt set, in one
 * transaction: missing systems are created by name, rows reported as duplicates are skipped,
 * and the import batch is recorded. The file is parsed and matched again here, so what is
 * stored is what a preview of the same content reported. Any problem in the file, or a file
 * of which no row matches a prompt, rejects the whole import with INVALID_INPUT, carrying the
 * report in the error's details. A file whose matched rows are all stored already is a CONFLICT.
 */
export async function importResponses(options: {
  actor: Actor;
  fileName: string;
  content: string;
  promptSetId: string;
  systemName?: string;
}): Promise<ResponseImportReport> {
  const actor = assertRole(options.actor, "ADMIN");

  try {
    return await db.$transaction(
      async (tx) => {
        const { report, toStore } = await planResponseImport({ client: tx, ...options });
        rejectUnstorable(report);

        const systemNames = [...new Set(toStore.map((row) => row.systemName))];
        await tx.system.createMany({ data: systemNames.map((name) => ({ name })), skipDuplicates: true });
        const systems = await tx.system.findMany({ where: { name: { in: systemNames } }, select: { id: true, name: true } });
        const systemIdByName = new Map(systems.map((system) => [system.name, system.id]));

        const batch = await tx.importBatch.create({
          data: { kind: "RESPONSES", fileName: options.fileName, rowsRead: report.rowsRead, rowsStored: toStore.length, createdById: actor.id },
        });

        const data = toStore.map(({ row, prompt, systemName, combination }) => ({
          promptId: prompt.id,
          systemId: systemIdByName.get(systemName)!,
          combinationId: combination?.id ?? null,
          combinationKey: combination?.id ?? "",
          text: row.output,
          importBatchId: batch.id,
        }));
        for (let start = 0; start < data.length; start += INSERT_CHUNK_SIZE) {
          await tx.response.createMany({ data: data.slice(start, start + INSERT_CHUNK_SIZE) });
        }

        return { ...report, stored: data.length, importBatchId: batch.id };
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (error) {
    // Another import stored one of these responses after this one checked for duplicates.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "Another import stored some of these responses at the same time. Preview the file again to see the duplicates, then confirm.");
    }
    throw error;
  }
}

function rejectUnstorable(report: ResponseImportReport): void {
  if (report.errors.length > 0) {
    const count = report.errors.length === 1 ? "1 problem" : `${report.errors.length} problems`;
    throw new AppError("INVALID_INPUT", `Nothing was imported (${count}). ${describeImportIssue(report.errors[0])}`, { report });
  }

  if (report.matched === 0) {
    throw new AppError(
      "INVALID_INPUT",
      `Nothing was imported: none of the ${report.rowsRead} rows of ${report.fileName} matches a prompt of "${report.promptSetName}". Check that you chose the right prompt set, or add prompt ids to the file.`,
      { report },
    );
  }

  if (report.toStore === 0) {
    throw new AppError(
      "CONFLICT",
      `Nothing was imported: all ${report.matched} matched rows of ${report.fileName} are duplicates of stored responses or of earlier rows.`,
      { report },
    );
  }
}
