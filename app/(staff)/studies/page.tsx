import Link from "next/link";

import { StudyStatusBadge } from "@/components/studies/study-status-badge";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listStudies } from "@/lib/studies/list-studies";

export const dynamic = "force-dynamic";

export default async function StudiesPage() {
  await requirePageRole("RESEARCHER");
  const studies = await listStudies();

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Studies</h1>
        <Link href="/studies/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          New study
        </Link>
      </div>

      {studies.length === 0 ? (
        <p className="text-sm text-slate-600">No studies yet. Create one to compare systems.</p>
      ) : (
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Studies</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="p-2">Name</th>
              <th scope="col" className="p-2">Status</th>
              <th scope="col" className="p-2">Baseline</th>
              <th scope="col" className="p-2">Prompt set</th>
              <th scope="col" className="p-2 text-right">Items</th>
              <th scope="col" className="p-2 text-right">Items judged by crowdworkers / wanted</th>
              <th scope="col" className="p-2">Links</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id} className="border-b border-slate-100">
                <td className="p-2">
                  <Link href={`/studies/${study.id}`} className="text-indigo-700 underline">
                    {study.name}
                  </Link>
                </td>
                <td className="p-2">
                  <StudyStatusBadge status={study.status} />
                </td>
                <td className="p-2">{study.baselineSystem.name}</td>
                <td className="p-2">{study.promptSet.name}</td>
                <td className="p-2 text-right tabular-nums">{study.itemCount}</td>
                <td className="p-2 text-right tabular-nums">
                  {study.judgmentsDone} / {study.judgmentsTarget}
                </td>
                <td className="space-x-3 p-2">
                  <Link href={`/studies/${study.id}`} className="text-indigo-700 underline">
                    Details
                  </Link>
                  <a href={`/api/studies/${study.id}/judgments.csv`} className="text-indigo-700 underline">
                    CSV
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
