import { Card } from "@/components/ui/card";

/**
 * Shown after a crowdworker returned the study. It needs no session: the return signed them
 * out, and the page states only what to do next.
 */
export default function StudyReturnedPage() {
  return (
    <Card role="status" className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold">You have returned this study</h1>
      <p className="mt-2 text-sm text-slate-700">
        Your unfinished item was released to other participants, and you have been signed out. Judgments you submitted
        earlier are kept.
      </p>
      <p className="mt-2 text-sm text-slate-700">
        To finish, open this study on the recruiting platform (such as Prolific) and return your submission there. You
        do not need a completion code. You can close this page.
      </p>
    </Card>
  );
}
