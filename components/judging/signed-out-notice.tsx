"use client";

import { useSyncExternalStore } from "react";

import { browserStorage, readEntryPath } from "@/components/judging/judging-draft";
import { Card } from "@/components/ui/card";

const subscribeToNothing = () => () => {};

/**
 * Shown on the judging page to a visitor without a session, for example after it expired.
 * It links to the study link they entered with, saved in this browser, so that the same
 * Prolific id signs them in again and their saved choices are restored. Returning the study
 * removes that link, so after a return, or without a Prolific id, the notice promises nothing.
 *
 * NOTE: a crowdworker who entered without a Prolific id becomes a new participant on the
 * next entry, so their draft stays in the browser but belongs to an assignment they no
 * longer hold.
 */
export function SignedOutNotice({ studyId }: { studyId: string }) {
  const bareStudyPath = `/study/${encodeURIComponent(studyId)}`;
  const entryPath = useSyncExternalStore(subscribeToNothing, () => readEntryPath(browserStorage(), studyId), () => bareStudyPath);

  if (entryPath === bareStudyPath) {
    return (
      <Card role="status" className="mx-auto max-w-xl">
        <h1 className="text-xl font-semibold">You are signed out of this study</h1>
        <p className="mt-2 text-sm text-slate-700">
          To judge again, open the study from the recruiting platform or through the study link you were given.
        </p>
      </Card>
    );
  }

  return (
    <Card role="status" className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold">Your session has ended</h1>
      <p className="mt-2 text-sm text-slate-700">
        Answers you chose on your current item are saved in this browser.{" "}
        <a href={entryPath} className="font-medium text-indigo-700 underline">
          Sign in again through your study link
        </a>{" "}
        to continue where you stopped. If the link does not work, open the study again from the recruiting platform.
      </p>
    </Card>
  );
}
