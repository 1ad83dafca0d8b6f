import Link from "next/link";

import { NewStudyForm } from "@/components/studies/new-study-form";
import { Card } from "@/components/ui/card";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { listStudyFormOptions } from "@/lib/studies/list-study-form-options";

export const dynamic = "force-dynamic";

export default async function NewStudyPage() {
  await requirePageRole("RESEARCHER");
  const options = await listStudyFormOptions();

  return (
    <div className="space-y-6">
      <div>
        <Link href="/studies" className="text-sm text-indigo-700 underline">
          All studies
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">New study</h1>
        <p className="text-sm text-slate-600">
          The study starts as a draft. Items are generated when you open it, from the responses stored at that moment.
        </p>
      </div>
      <Card>
        <NewStudyForm options={options} />
      </Card>
    </div>
  );
}
