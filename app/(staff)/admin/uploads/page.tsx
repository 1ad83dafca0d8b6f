import { PromptSetUploadForm } from "@/components/imports/prompt-set-upload-form";
import { ResponseUploadForm } from "@/components/imports/response-upload-form";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listPromptSets } from "@/lib/imports/list-prompt-sets";
import { listSystems } from "@/lib/imports/list-systems";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function UploadsPage() {
  await requirePageRole("ADMIN");
  const [promptSets, systems] = await Promise.all([listPromptSets(), listSystems()]);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Uploads</h1>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <section aria-labelledby="upload-prompt-set-heading" className="space-y-4">
            <h2 id="upload-prompt-set-heading" className="text-lg font-semibold">
              Upload a prompt set
            </h2>
            <PromptSetUploadForm />
          </section>
        </Card>
        <Card>
          <section aria-labelledby="upload-model-outputs-heading" className="space-y-4">
            <h2 id="upload-model-outputs-heading" className="text-lg font-semibold">
              Upload model outputs
            </h2>
            <ResponseUploadForm promptSets={promptSets.map(({ id, name, promptCount }) => ({ id, name, promptCount }))} />
          </section>
        </Card>
      </div>

      <section aria-labelledby="prompt-sets-heading" className="space-y-2">
        <h2 id="prompt-sets-heading" className="text-lg font-semibold">
          Prompt sets
        </h2>
        {promptSets.length === 0 ? (
          <p className="text-sm text-slate-600">No prompt sets yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Prompts</th>
                <th scope="col" className="py-2">Source file</th>
                <th scope="col" className="py-2">Created (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {promptSets.map((promptSet) => (
                <tr key={promptSet.id} className="border-b border-slate-100">
                  <td className="py-2">{promptSet.name}</td>
                  <td className="py-2 tabular-nums">{promptSet.promptCount}</td>
                  <td className="py-2 text-slate-600">{promptSet.sourceFileName}</td>
                  <td className="py-2 text-slate-600">{dateFormat.format(promptSet.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="systems-heading" className="space-y-2">
        <h2 id="systems-heading" className="text-lg font-semibold">
          Systems
        </h2>
        {systems.length === 0 ? (
          <p className="text-sm text-slate-600">No systems yet. Importing model outputs creates them.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Responses</th>
              </tr>
            </thead>
            <tbody>
              {systems.map((system) => (
                <tr key={system.id} className="border-b border-slate-100">
                  <td className="py-2">{system.name}</td>
                  <td className="py-2 tabular-nums">{system.responseCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
