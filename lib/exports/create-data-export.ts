import { z } from "zod";

import { assertRole, type Actor } from "@/lib/auth/assert-role";
import { db } from "@/lib/db/prisma";
import { AppError, formatZodError } from "@/lib/errors";
import { exportParametersSchema, type ExportParameters, type ExportParametersInput } from "@/lib/exports/export-parameters";
import { exportQueue } from "@/lib/exports/export-queue";
import { sendJob } from "@/lib/jobs/send-job";

/**
 * Check an export's parameters and the study, labelling set or judge version they name, store
 * the export as QUEUED and send it to the export queue. Returns the stored export.
 */
export async function createDataExport({ actor, input }: { actor: Actor | null | undefined; input: ExportParametersInput }) {
  const user = assertRole(actor, "RESEARCHER");

  const parsed = exportParametersSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", `The export settings are invalid. ${formatZodError(parsed.error)}`, {
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    });
  }
  const parameters = parsed.data;
  await assertSourcesExist(parameters);

  const dataExport = await db.dataExport.create({
    data: {
      kind: parameters.kind,
      format: parameters.format,
      studyId: "studyId" in parameters ? parameters.studyId : null,
      labelingSetId: "labelingSetId" in parameters ? parameters.labelingSetId : null,
      parameters,
      createdById: user.id,
    },
  });

  await sendJob(exportQueue, { exportId: dataExport.id }, { singletonKey: dataExport.id });
  return dataExport;
}

async function assertSourcesExist(parameters: ExportParameters): Promise<void> {
  if (parameters.kind === "judgments" || parameters.kind === "preference-pairs") {
    const study = await db.study.findUnique({ where: { id: parameters.studyId }, select: { id: true } });
    if (!study) {
      throw new AppError("NOT_FOUND", `Study ${parameters.studyId} does not exist. Pick a study from the list.`, {
        fieldErrors: { studyId: ["choose an existing study"] },
      });
    }
    return;
  }

  const labelingSet = await db.labelingSet.findUnique({ where: { id: parameters.labelingSetId }, select: { format: true, name: true } });
  if (!labelingSet) {
    throw new AppError("NOT_FOUND", `Labelling set ${parameters.labelingSetId} does not exist. Upload it first or pick one from the list.`, {
      fieldErrors: { labelingSetId: ["choose an existing labelling set"] },
    });
  }
  if (parameters.kind === "reward-model" && labelingSet.format !== "ROLLOUT") {
    throw new AppError(
      "INVALID_INPUT",
      `Labelling set ${labelingSet.name} contains pairs without preference prompts, so it has no positives or negatives. Pick a set uploaded as rollouts.`,
      { fieldErrors: { labelingSetId: ["choose a set uploaded as rollouts"] } },
    );
  }

  const judgeVersion = await db.judgeVersion.findUnique({ where: { id: parameters.judgeVersionId }, select: { id: true } });
  if (!judgeVersion) {
    throw new AppError("NOT_FOUND", `Judge version ${parameters.judgeVersionId} does not exist. Pick the judge version that labelled the set.`, {
      fieldErrors: { judgeVersionId: ["choose an existing judge version"] },
    });
  }
}
