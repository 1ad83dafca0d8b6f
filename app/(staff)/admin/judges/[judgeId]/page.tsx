import { notFound } from "next/navigation";

import { JudgeForm } from "@/components/judges/judge-form";
import { toJudgeFormValues } from "@/components/judges/judge-form-values";
import { JudgeRunForm } from "@/components/judges/judge-run-form";
import { RefreshWhileActive } from "@/components/judges/refresh-while-active";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { AppError } from "@/lib/errors";
import { getJudgeDetails } from "@/lib/judges/get-judge-details";
import { judgeSettingsSchema } from "@/lib/judges/judge-settings-schema";
import { listJudgeRunTargets } from "@/lib/judges/list-judge-run-targets";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

export default async function JudgePage({ params }: { params: Promise<{ judgeId: string }> }) {
  await requirePageRole("ADMIN");
  const { judgeId } = await params;

  const judge = await getJudgeDetails(judgeId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      notFound();
    }
    throw error;
  });
  const targets = await listJudgeRunTargets();
  const [latest] = judge.versions;
  const settingKeys = Object.keys(judgeSettingsSchema.shape) as (keyof typeof judgeSettingsSchema.shape)[];
  const latestSettings = Object.fromEntries(settingKeys.map((key) => [key, latest[key]])) as Parameters<typeof toJudgeFormValues>[0];
  const active = judge.runs.some((run) => run.status === "QUEUED" || run.status === "RUNNING");

  return (
    <div className="space-y-8">
      <RefreshWhileActive active={active} />
      <div>
        <h1 className="text-2xl font-semibold">{judge.name}</h1>
        {judge.description && <p className="text-sm text-slate-600">{judge.description}</p>}
      </div>

      <Card>
        <section aria-labelledby="run-heading" className="space-y-4">
          <h2 id="run-heading" className="text-lg font-semibold">
            Run this judge
          </h2>
          <JudgeRunForm
            versions={judge.versions.map((version) => ({ id: version.id, label: `v${version.version}: ${version.model}` }))}
            studies={targets.studies.map((study) => ({ id: study.id, label: `${study.name} (${study.status.toLowerCase()})` }))}
            labelingSets={targets.labelingSets.map((set) => ({ id: set.id, label: `${set.name} (${set.pairCount} pairs)` }))}
            sides={targets.sides.map((side) => ({ id: side.id, label: `${side.key} ${side.shortName}: ${side.judgeCriterion}` }))}
          />
        </section>
      </Card>

      <section aria-labelledby="runs-heading" className="space-y-2">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        {judge.runs.length === 0 ? (
          <p className="text-sm text-slate-600">No runs yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Started (UTC)</th>
                <th scope="col" className="py-2">Version</th>
                <th scope="col" className="py-2">Target</th>
                <th scope="col" className="py-2">Status</th>
                <th scope="col" className="py-2">Calls</th>
                <th scope="col" className="py-2">From cache</th>
                <th scope="col" className="py-2">Succeeded</th>
                <th scope="col" className="py-2">Failed</th>
                <th scope="col" className="py-2">Unparseable</th>
                <th scope="col" className="py-2">Cost</th>
              </tr>
            </thead>
            <tbody>
              {judge.runs.map((run) => (
                <tr key={run.id} className="border-b border-slate-100" data-run-id={run.id}>
                  <td className="py-2 text-slate-600">{dateFormat.format(run.createdAt)}</td>
                  <td className="py-2">v{run.judgeVersion.version}</td>
                  <td className="py-2">
                    {run.targetName} <span className="text-slate-500">({run.targetKind})</span>
                  </td>
                  <td className="py-2">
                    {run.status.replace("_", " ").toLowerCase()}
                    {run.error && <p className="max-w-xs text-xs break-words whitespace-pre-wrap text-red-700">{run.error}</p>}
                  </td>
                  <td className="py-2 tabular-nums">{run.callsPlanned}</td>
                  <td className="py-2 tabular-nums">{run.callsCached}</td>
                  <td className="py-2 tabular-nums">{run.succeeded}</td>
                  <td className="py-2 tabular-nums">{run.failed}</td>
                  <td className="py-2 tabular-nums">{run.unparseable}</td>
                  <td className="py-2 tabular-nums">
                    {usd.format(run.costUsd)}
                    {run.budgetUsd !== null && <span className="text-slate-500"> of {usd.format(run.budgetUsd)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Card>
        <section aria-labelledby="version-heading" className="space-y-4">
          <h2 id="version-heading" className="text-lg font-semibold">
            Edit settings (saves version {latest.version + 1})
          </h2>
          <p className="text-sm text-slate-600">Versions are immutable, so every stored result keeps the exact settings that produced it.</p>
          <JudgeForm key={latest.id} initial={toJudgeFormValues(latestSettings)} judgeId={judge.id} />
        </section>
      </Card>
    </div>
  );
}
