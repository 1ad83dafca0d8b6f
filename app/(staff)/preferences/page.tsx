import { AddDimensionForm } from "@/components/preferences/add-dimension-form";
import { AddSideForm } from "@/components/preferences/add-side-form";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listPreferences } from "@/lib/preferences/list-preferences";

export const dynamic = "force-dynamic";

export default async function PreferencesPage() {
  await requirePageRole("RESEARCHER");
  const { dimensions, combinations } = await listPreferences();

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Preferences</h1>
        <p className="text-sm text-slate-600">
          Each dimension has conflicting sides; a combination picks one side per dimension and is named by the side letters.
        </p>
      </div>

      {dimensions.length === 0 && <p className="text-sm text-slate-600">No dimensions yet. Add one below.</p>}
      {dimensions.map((dimension) => (
        <Card key={dimension.id} className="space-y-3">
          <h2 className="text-lg font-semibold">
            {dimension.key} {dimension.name}
          </h2>
          {dimension.description && <p className="text-sm text-slate-600">{dimension.description}</p>}
          {dimension.sides.length === 0 ? (
            <p className="text-sm text-slate-600">No sides yet, so this dimension is in no combination.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-sm">
                <caption className="sr-only">Sides of {dimension.key}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left align-bottom">
                    <th scope="col" className="p-2">Key</th>
                    <th scope="col" className="p-2">Short name</th>
                    <th scope="col" className="p-2">Generation prompt</th>
                    <th scope="col" className="p-2">Judge criterion</th>
                    <th scope="col" className="p-2">Crowdworker wording</th>
                  </tr>
                </thead>
                <tbody>
                  {dimension.sides.map((side) => (
                    <tr key={side.id} className="border-b border-slate-100 align-top">
                      <th scope="row" className="p-2 text-left font-mono">
                        {side.key}
                      </th>
                      <td className="p-2">{side.shortName}</td>
                      <td className="p-2">{side.generationPrompt}</td>
                      <td className="p-2">{side.judgeCriterion}</td>
                      <td className="p-2">This user {side.workerDescription}.</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ))}

      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Combinations ({combinations.length})</h2>
        <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-label="Stored combinations">
          {combinations.map((combination) => (
            <li key={combination.id}>
              <span className="font-mono font-semibold">{combination.name}</span>{" "}
              <span className="text-slate-500">{combination.sideKeys}</span>
            </li>
          ))}
        </ul>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <AddDimensionForm />
        </Card>
        <Card>
          <AddSideForm dimensions={dimensions.map((dimension) => ({ key: dimension.key, name: dimension.name }))} />
        </Card>
      </div>
    </div>
  );
}
