import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

import type { Actor } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors";
import { resolveExportFile } from "@/lib/exports/export-directory";
import { getDataExport } from "@/lib/exports/get-data-export";
import { readExportManifest } from "@/lib/exports/read-export-manifest";

/**
 * Open a file of a COMPLETE export for download: `manifest.json` or a data file the manifest
 * lists. Throws CONFLICT while the export is not complete and NOT_FOUND for any other name.
 */
export async function openExportDownload({ actor, exportId, fileName }: { actor: Actor | null | undefined; exportId: string; fileName: string }) {
  const dataExport = await getDataExport({ actor, exportId });
  if (dataExport.status !== "COMPLETE" || !dataExport.filePath) {
    throw new AppError("CONFLICT", `Export ${exportId} is ${dataExport.status.toLowerCase()}, so it has no files yet. Wait until it is complete.`);
  }

  const manifest = await readExportManifest(dataExport.filePath);
  if (!manifest) {
    throw new AppError("NOT_FOUND", `The files of export ${exportId} are missing from the export directory. Create the export again.`);
  }
  const listed = fileName === "manifest.json" || manifest.files.some((file) => file.name === fileName);
  if (!listed) {
    throw new AppError("NOT_FOUND", `Export ${exportId} has no file ${fileName}. Its files are: ${manifest.files.map((file) => file.name).join(", ")} and manifest.json.`);
  }

  const filePath = resolveExportFile(dataExport.filePath, fileName);
  const { size } = await stat(filePath);
  return {
    size,
    body: Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>,
  };
}
