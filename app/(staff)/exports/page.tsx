import { CreateExportForm } from "@/components/exports/create-export-form";
import { ExportTable, type ExportTableRow } from "@/components/exports/export-table";
import { RefreshWhileRunning } from "@/components/exports/refresh-while-running";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listDataExports } from "@/lib/exports/list-data-exports";
import { listExportSources } from "@/lib/exports/list-export-sources";
import { readExportManifest } from "@/lib/exports/read-export-manifest";

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  const user = await requirePageRole("RESEARCHER");
  const [exports, sources] = await Promise.all([listDataExports({ actor: user }), listExportSources({ actor: user })]);

  const sourceNames = new Map([...sources.studies, ...sources.labelingSets].map((source) => [source.id, source.name]));
  const rows: ExportTableRow[] = await Promise.all(
    exports.map(async (dataExport) => {
      const sourceId = dataExport.studyId ?? dataExport.labelingSetId ?? "";
      return {
        ...dataExport,
        source: sourceNames.get(sourceId) ?? sourceId,
        createdBy: dataExport.createdBy.email ?? dataExport.createdBy.name ?? "",
        files: dataExport.status === "COMPLETE" && dataExport.filePath ? ((await readExportManifest(dataExport.filePath))?.files ?? null) : null,
      };
    }),
  );
  const running = exports.some((dataExport) => dataExport.status === "QUEUED" || dataExport.status === "RUNNING");

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Exports</h1>
        <p className="mt-1 text-sm text-slate-600">
          Exports run in the background worker (<code>npm run worker</code>). Each complete export is a folder of data files and a
          manifest.json with row counts, SHA-256 hashes, the settings used and the app, schema and judge versions.
        </p>
      </div>
      <Card>
        <CreateExportForm
          studies={sources.studies.map((study) => ({ id: study.id, label: study.name }))}
          labelingSets={sources.labelingSets.map((set) => ({ id: set.id, label: set.name, format: set.format }))}
          judgeVersions={sources.judgeVersions}
        />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Recent exports</h2>
        <RefreshWhileRunning active={running} />
        <ExportTable rows={rows} />
      </Card>
    </div>
  );
}
