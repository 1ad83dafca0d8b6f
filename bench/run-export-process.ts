/**
 * Child process of the export benchmark: runs one export, or PostgreSQL's COPY of the same
 * rows, and prints one JSON line with the seconds taken and this process's peak RSS. A process
 * of its own per run keeps each RSS high-water mark apart.
 *
 *   tsx bench/run-export-process.ts export EXPORT_ID
 *   tsx bench/run-export-process.ts copy STUDY_ID OUTPUT_FILE
 */
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";

import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

import { runDataExport } from "@/lib/exports/run-data-export";
import { JUDGMENT_EXPORT_QUERY } from "@/lib/exports/write-judgment-export";

async function main() {
  const [mode, id, outputFile] = process.argv.slice(2);
  const started = performance.now();

  if (mode === "export") {
    await runDataExport({ exportId: id });
  } else if (mode === "copy") {
    await copyRows(id, outputFile);
  } else {
    throw new Error(`Unknown mode ${mode}; use export or copy.`);
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ mode, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** COPY the export's own query, with all judge types and no crowdworkers left out, as CSV. */
async function copyRows(studyId: string, outputFile: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();

  // COPY takes no bind parameters, so the values are written into the statement.
  const query = JUDGMENT_EXPORT_QUERY.replace("$1", pg.escapeLiteral(studyId))
    .replaceAll("$2::", "null::")
    .replace("$3::", "false::")
    .replace("$4::", "'{}'::");
  await pipeline(client.query(copyTo(`copy (${query}) to stdout with (format csv, header)`)), createWriteStream(outputFile));
  await client.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
