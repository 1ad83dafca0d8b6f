import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import { db } from "@/lib/db/prisma";
import { formatZodError } from "@/lib/errors";
import { buildExportManifest } from "@/lib/exports/build-export-manifest";
import { getExportDirectory } from "@/lib/exports/export-directory";
import { exportParametersSchema, type ExportParameters } from "@/lib/exports/export-parameters";
import type { ExportWriterContext, ExportWriterResult } from "@/lib/exports/export-writer";
import { writeJudgmentExport } from "@/lib/exports/write-judgment-export";
import { writeLabelingPairExport } from "@/lib/exports/write-labeling-pair-export";
import { writePreferencePairExport } from "@/lib/exports/write-preference-pair-export";
import { writeRewardModelExport } from "@/lib/exports/write-reward-model-export";
import { logger } from "@/lib/logger";

const PROGRESS_INTERVAL_MS = 500;

/** Name prefix of the folder an export is written in before it is complete. */
export const PARTIAL_PREFIX = ".partial-";

/**
 * Run one export: write its files and manifest.json into a temporary folder on a read-only
 * REPEATABLE READ snapshot, then rename the folder to the export id and mark the export
 * COMPLETE. A crash before the rename leaves only a `.partial-` folder and a RUNNING row,
 * and running the export again first removes what an earlier attempt left. Safe to repeat,
 * as pg-boss redelivery needs: a COMPLETE export is left as it is.
 */
export async function runDataExport({ exportId }: { exportId: string }): Promise<void> {
  const dataExport = await db.dataExport.findUnique({ where: { id: exportId } });
  if (!dataExport) {
    logger.warn({ exportId }, "export job for a missing export; nothing to do");
    return;
  }
  if (dataExport.status === "COMPLETE") {
    return;
  }

  const parsed = exportParametersSchema.safeParse(dataExport.parameters);
  if (!parsed.success) {
    // Retrying cannot fix stored parameters, so the job ends here instead of throwing.
    const error = `Stored export parameters are invalid: ${formatZodError(parsed.error)}. Create the export again.`;
    await db.dataExport.update({ where: { id: exportId }, data: { status: "FAILED", error, finishedAt: new Date() } });
    logger.error({ exportId, error }, "export failed");
    return;
  }
  const parameters = parsed.data;
  const exportDirectory = getExportDirectory();
  await mkdir(exportDirectory, { recursive: true });
  await removeEarlierAttempts(exportDirectory, exportId);
  await db.dataExport.update({
    where: { id: exportId },
    data: { status: "RUNNING", startedAt: new Date(), finishedAt: null, rowsWritten: 0, rowsTotal: null, error: null, filePath: null, sha256: null },
  });

  const folder = await mkdtemp(path.join(exportDirectory, `${PARTIAL_PREFIX}${exportId}-`));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    await client.query("begin isolation level repeatable read read only");
    const result = await writeFiles(parameters, { client, folder, ...progressReporter(exportId) });
    const manifest = await buildExportManifest({ client, dataExport, result });
    await client.query("commit");

    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    await writeFile(path.join(folder, "manifest.json"), manifestText, { flag: "wx" });
    await rename(folder, path.join(exportDirectory, exportId));

    const rowsWritten = result.files.reduce((sum, file) => sum + file.rows, 0);
    await db.dataExport.update({
      where: { id: exportId },
      data: {
        status: "COMPLETE",
        filePath: exportId,
        sha256: createHash("sha256").update(manifestText).digest("hex"),
        rowsWritten,
        finishedAt: new Date(),
      },
    });
    logger.info({ exportId, kind: dataExport.kind, rowsWritten }, "export complete");
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    await db.dataExport.update({ where: { id: exportId }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
    throw error;
  } finally {
    await client.end();
  }
}

function writeFiles(parameters: ExportParameters, context: ExportWriterContext): Promise<ExportWriterResult> {
  switch (parameters.kind) {
    case "judgments":
      return writeJudgmentExport(parameters, context);
    case "reward-model":
      return writeRewardModelExport(parameters, context);
    case "preference-pairs":
      return writePreferencePairExport(parameters, context);
    case "labeling-pairs":
      return writeLabelingPairExport(parameters, context);
  }
}

/** Progress callbacks that write rowsWritten at most every PROGRESS_INTERVAL_MS. */
function progressReporter(exportId: string): Pick<ExportWriterContext, "reportProgress" | "setRowsTotal"> {
  let lastUpdate = 0;
  return {
    async reportProgress(processed) {
      const now = Date.now();
      if (now - lastUpdate < PROGRESS_INTERVAL_MS) {
        return;
      }
      lastUpdate = now;
      await db.dataExport.update({ where: { id: exportId }, data: { rowsWritten: processed } });
    },
    async setRowsTotal(rowsTotal) {
      await db.dataExport.update({ where: { id: exportId }, data: { rowsTotal } });
    },
  };
}

/** Remove the partial folders and any unmarked finished folder an earlier, crashed attempt left. */
async function removeEarlierAttempts(exportDirectory: string, exportId: string): Promise<void> {
  const entries = await readdir(exportDirectory);
  const leftovers = entries.filter((name) => name === exportId || name.startsWith(`${PARTIAL_PREFIX}${exportId}-`));

  for (const name of leftovers) {
    logger.info({ exportId, folder: name }, "removing what an earlier export attempt left");
    await rm(path.join(exportDirectory, name), { recursive: true, force: true });
  }
}
