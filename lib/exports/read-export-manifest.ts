import { readFile } from "node:fs/promises";

import type { ExportManifest } from "@/lib/exports/build-export-manifest";
import { resolveExportFile } from "@/lib/exports/export-directory";

/** Read the manifest of a COMPLETE export's folder, or return null when the folder is gone. */
export async function readExportManifest(folder: string): Promise<ExportManifest | null> {
  try {
    return JSON.parse(await readFile(resolveExportFile(folder, "manifest.json"), "utf8")) as ExportManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return null;
    }
    throw error;
  }
}
