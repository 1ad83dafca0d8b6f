import Link from "next/link";
import { notFound } from "next/navigation";

import { RefreshWhileActive } from "@/components/training/refresh-while-active";
import { TrainingJobControls } from "@/components/training/training-job-controls";
import { TrainingStatusBadge } from "@/components/training/training-status-badge";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { AppError } from "@/lib/errors";
import { getTrainingJob } from "@/lib/training/get-training-job";
import { ACTIVE_STATUSES } from "@/lib/training/update-training-attempt";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function TrainingJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const user = await requirePageRole("RESEARCHER");
  const { jobId } = await params;
  const job = await getTrainingJob({ actor: user, jobId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      notFound();
    }
    throw error;
  });
  const active = ACTIVE_STATUSES.includes(job.status);
  const time = (value: Date | null) => (value ? dateFormat.format(value) : "-");

  const details: [string, React.ReactNode][] = [
    ["Kind", job.kind.toLowerCase().replace("_", " ")],
    ["Backend", `${job.backend.name} (${job.backend.kind.toLowerCase()})`],
    ["Attempt", job.attempt],
    ["Backend job id", job.externalId ?? "-"],
    ["Exit code", job.exitCode ?? "-"],
    ["Output location", job.outputUri ?? "-"],
    ["Log file", job.logPath ?? "-"],
    ["Started by", job.createdBy.email ?? "-"],
    ["Created (UTC)", time(job.createdAt)],
    ["Started (UTC)", time(job.startedAt)],
    ["Finished (UTC)", time(job.finishedAt)],
  ];

  return (
    <div className="space-y-8">
      <RefreshWhileActive active={active} />
      <div className="space-y-2">
        <Link href="/training" className="text-sm text-indigo-700 underline">
          All training jobs
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{job.name}</h1>
          <TrainingStatusBadge status={job.status} />
        </div>
        {job.error && (
          <p role="status" className="text-sm text-red-700">
            {job.error}
          </p>
        )}
      </div>

      {user.role === "ADMIN" && <TrainingJobControls jobId={job.id} status={job.status} />}

      <section aria-labelledby="artifact-heading" className="space-y-2">
        <h2 id="artifact-heading" className="text-lg font-semibold">
          Registered artifact
        </h2>
        {job.artifact ? (
          <Card className="space-y-1 text-sm">
            <p>
              System <strong data-testid="artifact-system">{job.artifact.system.name}</strong>, base model {job.artifact.baseModel}
            </p>
            <p className="break-all font-mono text-xs" data-testid="artifact-uri">
              {job.artifact.uri}
            </p>
            <p className="text-slate-600">Upload the model&apos;s outputs for this system on the Uploads page, then compare it in a new study.</p>
          </Card>
        ) : (
          <p className="text-sm text-slate-600">None yet. A job that succeeds registers its checkpoint on system {job.systemName}.</p>
        )}
      </section>

      <section aria-labelledby="details-heading" className="space-y-2">
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 text-sm">
          {details.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="logs-heading" className="space-y-2">
        <h2 id="logs-heading" className="text-lg font-semibold">
          Logs
        </h2>
        <pre data-testid="training-logs" className="max-h-[32rem] overflow-auto rounded bg-slate-900 p-4 text-xs text-slate-100">
          {job.logs || "No output yet."}
        </pre>
      </section>

      <section aria-labelledby="spec-heading" className="space-y-2">
        <h2 id="spec-heading" className="text-lg font-semibold">
          Job spec
        </h2>
        <pre className="overflow-auto rounded bg-slate-100 p-4 text-xs">{JSON.stringify(job.spec, null, 2)}</pre>
      </section>
    </div>
  );
}
