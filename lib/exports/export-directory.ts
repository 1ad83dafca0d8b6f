import path from "node:path";

import { AppError } from "@/lib/errors";

/** Return the absolute path of the folder that contains every export: EXPORT_DIR, or .ladle/exports under the working directory. */
export function getExportDirectory(): string {
  // The folder contains data, not code, so the build must not trace what is inside it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.EXPORT_DIR ?? path.join(".ladle", "exports"));
}

/**
 * Resolve a file of a finished export to an absolute path inside the export directory.
 * Throws NOT_FOUND for a name that would leave the export's folder, such as `../x`.
 */
export function resolveExportFile(folder: string, fileName: string): string {
  const exportFolder = path.resolve(getExportDirectory(), folder);
  const filePath = path.resolve(exportFolder, fileName);

  if (path.dirname(filePath) !== exportFolder) {
    throw new AppError("NOT_FOUND", `Export file ${fileName} does not exist. Pick a file listed in the export's manifest.`);
  }
  return filePath;
}
