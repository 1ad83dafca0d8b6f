import { LabelingUploadForm } from "@/components/judges/labeling-upload-form";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listLabelingSets } from "@/lib/labeling/list-labeling-sets";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function LabelingPage() {
  await requirePageRole("ADMIN");
  const sets = await listLabelingSets();

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Labelling sets</h1>
      <p className="text-sm text-slate-600">Pairs of rollouts for a simulated judge to label. Run a judge over a set from its judge page.</p>

      <Card>
        <section aria-labelledby="upload-labeling-heading" className="space-y-4">
          <h2 id="upload-labeling-heading" className="text-lg font-semibold">
            Upload a labelling set
          </h2>
          <LabelingUploadForm />
        </section>
      </Card>

      <section aria-labelledby="labeling-sets-heading" className="space-y-2">
        <h2 id="labeling-sets-heading" className="text-lg font-semibold">
          Sets
        </h2>
        {sets.length === 0 ? (
          <p className="text-sm text-slate-600">No labelling sets yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Format</th>
                <th scope="col" className="py-2">Pairs</th>
                <th scope="col" className="py-2">Verdicts</th>
                <th scope="col" className="py-2">Created (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {sets.map((set) => (
                <tr key={set.id} className="border-b border-slate-100">
                  <td className="py-2">{set.name}</td>
                  <td className="py-2">{set.format.toLowerCase()}</td>
                  <td className="py-2 tabular-nums">{set.pairCount}</td>
                  <td className="py-2 text-slate-700">
                    {set.verdicts.length === 0 ? "none" : set.verdicts.map((entry) => `${entry.judge} ${entry.outcome.toLowerCase()}: ${entry.count}`).join("; ")}
                  </td>
                  <td className="py-2 text-slate-600">{dateFormat.format(set.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
