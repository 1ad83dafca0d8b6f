import Link from "next/link";

import { CreateTrainingBackendForm } from "@/components/training/create-training-backend-form";
import { StartMergeJobForm } from "@/components/training/start-merge-job-form";
import { StartTrainingJobForm } from "@/components/training/start-training-job-form";
import { TrainingStatusBadge } from "@/components/training/training-status-badge";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listTrainingBackends } from "@/lib/training/list-training-backends";
import { listTrainingFormOptions } from "@/lib/training/list-training-form-options";
import { listTrainingJobs } from "@/lib/training/list-training-jobs";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const KIND_LABELS = { REWARD_MODEL: "reward model", POLICY: "policy", MERGE: "merge" } as const;

export default async function TrainingPage() {
  const user = await requirePageRole("RESEARCHER");
  const isAdmin = user.role === "ADMIN";
  const [jobs, options, backends] = await Promise.all([
    listTrainingJobs({ actor: user }),
    isAdmin ? listTrainingFormOptions() : null,
    isAdmin ? listTrainingBackends() : null,
  ]);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Training</h1>

      <section aria-labelledby="training-jobs-heading" className="space-y-2">
        <h2 id="training-jobs-heading" className="text-lg font-semibold">
          Jobs
        </h2>
        {jobs.length === 0 ? (
          <p className="text-sm text-slate-600">No training jobs yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Kind</th>
                <th scope="col" className="py-2">Status</th>
                <th scope="col" className="py-2">Attempt</th>
                <th scope="col" className="py-2">Backend</th>
                <th scope="col" className="py-2">System</th>
                <th scope="col" className="py-2">Created (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} className="border-b border-slate-100">
                  <td className="py-2">
                    <Link href={`/training/${job.id}`} className="text-indigo-700 underline">
                      {job.name}
                    </Link>
                  </td>
                  <td className="py-2">{KIND_LABELS[job.kind]}</td>
                  <td className="py-2">
                    <TrainingStatusBadge status={job.status} />
                  </td>
                  <td className="py-2 tabular-nums">{job.attempt}</td>
                  <td className="py-2">{job.backend.name}</td>
                  <td className="py-2">{job.artifact ? job.systemName : <span className="text-slate-500">{job.systemName} (when finished)</span>}</td>
                  <td className="py-2 text-slate-600">{dateFormat.format(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {options && backends && (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <section aria-labelledby="start-training-heading" className="space-y-4">
                <h2 id="start-training-heading" className="text-lg font-semibold">
                  Train a reward model or policy
                </h2>
                {options.exports.length === 0 && <p className="text-sm text-slate-600">No completed training-set export yet. Export a reward-model, labeling-pairs or preference-pairs set first.</p>}
                <StartTrainingJobForm options={options} />
              </section>
            </Card>
            <Card>
              <section aria-labelledby="start-merge-heading" className="space-y-4">
                <h2 id="start-merge-heading" className="text-lg font-semibold">
                  Merge policies (P-Soups)
                </h2>
                <StartMergeJobForm options={options} />
              </section>
            </Card>
          </div>

          <section aria-labelledby="backends-heading" className="space-y-4">
            <h2 id="backends-heading" className="text-lg font-semibold">
              Backends
            </h2>
            {backends.length === 0 ? (
              <p className="text-sm text-slate-600">No backends yet; add one below.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="py-2">Name</th>
                    <th scope="col" className="py-2">Kind</th>
                    <th scope="col" className="py-2">Settings</th>
                    <th scope="col" className="py-2">Jobs</th>
                  </tr>
                </thead>
                <tbody>
                  {backends.map((backend) => (
                    <tr key={backend.id} className="border-b border-slate-100 align-top">
                      <td className="py-2">{backend.name}</td>
                      <td className="py-2">{backend.kind.toLowerCase()}</td>
                      <td className="py-2">
                        <pre className="max-w-xl overflow-x-auto text-xs">{JSON.stringify(backend.settings, null, 2)}</pre>
                      </td>
                      <td className="py-2 tabular-nums">{backend.jobCount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Card className="max-w-2xl">
              <CreateTrainingBackendForm />
            </Card>
          </section>
        </>
      )}
    </div>
  );
}
