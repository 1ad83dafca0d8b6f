import path from "node:path";

import { AppError } from "@/lib/errors";
import { getExportDirectory } from "@/lib/exports/export-directory";

/** Absolute directory of COMMAND attempts' specs, logs and outputs: TRAINING_DIR, or .ladle/training. */
export function getTrainingDirectory(): string {
  return path.resolve(process.env.TRAINING_DIR ?? ".ladle/training");
}

/** Local folder of one attempt: its spec, its log and its output folder. */
export function getAttemptDirectory(jobId: string, attempt: number): string {
  return path.join(getTrainingDirectory(), jobId, `attempt-${attempt}`);
}

/**
 * Resolve an export's stored folder path against the export directory. Throws INVALID_INPUT
 * when the path leads outside it, so a crafted row cannot hand a command another folder.
 */
export function resolveExportFolder(filePath: string): string {
  const directory = getExportDirectory();
  const resolved = path.resolve(directory, filePath);

  if (!resolved.startsWith(directory + path.sep)) {
    throw new AppError("INVALID_INPUT", `Export file ${filePath} is outside the export directory ${directory}; only files under it can be trained on.`);
  }
  return resolved;
}

/** Join a local path or a URI such as s3://bucket/prefix with further path segments. */
export function joinLocation(root: string, ...segments: string[]): string {
  return [root.replace(/\/+$/, ""), ...segments].join("/");
}
