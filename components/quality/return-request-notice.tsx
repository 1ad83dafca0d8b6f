import { Card } from "@/components/ui/card";

/** Asks a crowdworker to return the study on the recruiting platform; no completion code is shown. */
export function ReturnRequestNotice({ message }: { message: string }) {
  return (
    <Card role="alert" className="mx-auto max-w-xl" data-testid="return-request">
      <h1 className="text-xl font-semibold">Please return this study</h1>
      <p className="mt-2 text-sm text-slate-700">{message}</p>
    </Card>
  );
}
