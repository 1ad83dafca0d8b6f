import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeImportIssue } from "@/lib/imports/describe-import-issue";
import type { LabelingImportReport } from "@/lib/labeling/labeling-types";
import { planLabelingImport } from "@/lib/labeling/plan-labeling-import";

/**
 * Store a labelling file as a new labelling set with all its pairs in one transaction. Any
 * problem rejects the whole file with INVALID_INPUT (CONFLICT for a taken name), carrying the
 * report in the error's details, so nothing is stored.
 */
export async function importLabelingSet(options: { actor: Actor; fileName: string; content: string; name: string }): Promise<LabelingImportReport> {
  const actor = assertRole(options.actor, "ADMIN");

  const { report, pairs } = await planLabelingImport(options);
  if (report.errors.length > 0 || !report.format) {
    const [first] = report.errors;
    const count = report.errors.length === 1 ? "1 problem" : `${report.errors.length} problems`;
    const nameTaken = first?.field === "name" && first.message.includes("already exists");
    throw new AppError(nameTaken ? "CONFLICT" : "INVALID_INPUT", `Nothing was imported (${count}). ${first ? describeImportIssue(first) : ""}`.trim(), { report });
  }

  try {
    const labelingSetId = await db.$transaction(
      async (tx) => {
        const set = await tx.labelingSet.create({ data: { name: report.name, sourceFileName: options.fileName, format: report.format!, createdById: actor.id } });
        await tx.labelingPair.createMany({
          data: pairs.map((pair, index) => ({
            labelingSetId: set.id,
            position: index + 1,
            instruction: pair.instruction,
            input: pair.input,
            preferencePrompt: pair.preferencePrompt,
            sideId: pair.sideId,
            output1: pair.output1,
            output2: pair.output2,
          })),
        });
        return set.id;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    return { ...report, labelingSetId };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A labelling set named "${report.name}" already exists. Choose another name.`);
    }
    throw error;
  }
}
