import { Card } from "@/components/ui/card";
import type { Completion } from "@/lib/assignment/schemas";

/**
 * Show the end of a crowdworker's work: the completion code, a link to the completion URL
 * while the browser is being redirected there, or a note that nothing was left to judge.
 */
export function CompletionNotice({ completion }: { completion: Completion }) {
  if (completion.completionUrl) {
    return (
      <Card role="status">
        <h2 className="text-lg font-semibold">Thank you, you have finished</h2>
        <p className="mt-2 text-sm text-slate-700">
          Taking you back to the recruiting platform. If nothing happens,{" "}
          <a href={completion.completionUrl} className="text-indigo-700 underline">
            continue here
          </a>
          .
        </p>
        {completion.completionCode && <CompletionCode code={completion.completionCode} />}
      </Card>
    );
  }

  if (completion.completionCode) {
    return (
      <Card role="status">
        <h2 className="text-lg font-semibold">Thank you, you have finished</h2>
        <CompletionCode code={completion.completionCode} />
        <p className="mt-2 text-sm text-slate-600">Copy this code into the recruiting platform to complete the study.</p>
      </Card>
    );
  }

  return (
    <Card role="status">
      <h2 className="text-lg font-semibold">There is nothing left to judge</h2>
      <p className="mt-2 text-sm text-slate-700">
        Every item of this study already has enough judgments. Return the study on the recruiting platform; you do not
        need a completion code.
      </p>
    </Card>
  );
}

function CompletionCode({ code }: { code: string }) {
  return (
    <p className="mt-2 text-sm text-slate-700">
      Your completion code is <strong className="select-all font-mono text-base text-slate-900">{code}</strong>
    </p>
  );
}
