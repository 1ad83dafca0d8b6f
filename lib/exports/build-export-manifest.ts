import { readFile } from "node:fs/promises";
import path from "node:path";

import type pg from "pg";

import type { ExportWriterResult } from "@/lib/exports/export-writer";

/** Contents of manifest.json for one export. */
export type ExportManifest = {
  exportId: string;
  kind: string;
  format: string;
  parameters: unknown;
  createdAt: string;
  finishedAt: string;
  versions: {
    app: string;
    /** The newest applied Prisma migration of the database the rows came from. */
    schemaMigration: string | null;
    judgeVersions: { id: string; judge: string; version: number; model: string; baseUrl: string; temperature: number; verdictMode: string; orderMode: string }[];
  };
  files: ExportWriterResult["files"];
  counts: ExportWriterResult["counts"];
};

/** Collect the versions and results of an export into its manifest, reading versions on the export's snapshot. */
export async function buildExportManifest(options: {
  client: pg.ClientBase;
  dataExport: { id: string; kind: string; format: string; parameters: unknown; createdAt: Date };
  result: ExportWriterResult;
}): Promise<ExportManifest> {
  const { client, dataExport, result } = options;

  const packageJson = JSON.parse(await readFile(path.join(process.cwd(), "package.json"), "utf8")) as { version: string };
  const migration = await client.query<{ name: string }>(
    `select migration_name as name from _prisma_migrations where finished_at is not null and rolled_back_at is null order by migration_name desc limit 1`,
  );
  const judgeVersions = await client.query<ExportManifest["versions"]["judgeVersions"][number]>(
    `select jv.id, j.name as judge, jv.version, jv.model, jv."baseUrl" as "baseUrl", jv.temperature,
            jv."verdictMode"::text as "verdictMode", jv."orderMode"::text as "orderMode"
     from "JudgeVersion" jv join "Judge" j on j.id = jv."judgeId" where jv.id = any($1::text[]) order by j.name, jv.version`,
    [result.judgeVersionIds],
  );

  return {
    exportId: dataExport.id,
    kind: dataExport.kind,
    format: dataExport.format,
    parameters: dataExport.parameters,
    createdAt: dataExport.createdAt.toISOString(),
    finishedAt: new Date().toISOString(),
    versions: { app: packageJson.version, schemaMigration: migration.rows[0]?.name ?? null, judgeVersions: judgeVersions.rows },
    files: result.files,
    counts: result.counts,
  };
}
