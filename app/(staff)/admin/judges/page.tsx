import Link from "next/link";

import { JudgeForm } from "@/components/judges/judge-form";
import { toJudgeFormValues } from "@/components/judges/judge-form-values";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { DEFAULT_JUDGE_TEMPLATES } from "@/lib/judges/default-judge-templates";
import { listJudges } from "@/lib/judges/list-judges";

export const dynamic = "force-dynamic";

/** Settings a new judge starts from: GPT-4 at temperature 0.1 with 512 max tokens, the evaluation settings of Personalized Soups (Jang et al., 2023). */
const NEW_JUDGE_DEFAULTS = toJudgeFormValues({
  baseUrl: "https://api.openai.com/v1",
  model: "gpt-4",
  apiKeyEnv: "OPENAI_API_KEY",
  temperature: 0.1,
  maxTokens: 512,
  verdictMode: "THREE_WAY",
  orderMode: "ONE_ORDER",
  structuredOutput: false,
  inputPricePerMillion: 0,
  outputPricePerMillion: 0,
  concurrency: 8,
  requestsPerMinute: 0,
  tokensPerMinute: 0,
  timeoutSeconds: 60,
  maxAttempts: 5,
  templates: DEFAULT_JUDGE_TEMPLATES,
});

export default async function JudgesPage() {
  await requirePageRole("ADMIN");
  const judges = await listJudges();

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Simulated judges</h1>

      <section aria-labelledby="judges-heading" className="space-y-2">
        <h2 id="judges-heading" className="text-lg font-semibold">
          Judges
        </h2>
        {judges.length === 0 ? (
          <p className="text-sm text-slate-600">No judges yet. Create one below.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2">Name</th>
                <th scope="col" className="py-2">Latest version</th>
                <th scope="col" className="py-2">Model</th>
                <th scope="col" className="py-2">Endpoint</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((judge) => (
                <tr key={judge.id} className="border-b border-slate-100">
                  <td className="py-2">
                    <Link href={`/admin/judges/${judge.id}`} className="text-indigo-700 underline">
                      {judge.name}
                    </Link>
                  </td>
                  <td className="py-2 tabular-nums">{judge.latest ? `v${judge.latest.version}` : "none"}</td>
                  <td className="py-2">{judge.latest?.model}</td>
                  <td className="py-2 text-slate-600">{judge.latest?.baseUrl}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Card>
        <section aria-labelledby="create-judge-heading" className="space-y-4">
          <h2 id="create-judge-heading" className="text-lg font-semibold">
            Create a judge
          </h2>
          <JudgeForm initial={{ ...NEW_JUDGE_DEFAULTS, name: "", description: "" }} />
        </section>
      </Card>
    </div>
  );
}
