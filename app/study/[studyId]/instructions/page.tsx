import { notFound, redirect } from "next/navigation";

import { StudyUnavailableNotice } from "@/components/judging/study-unavailable-notice";
import { Markdown } from "@/components/markdown";
import { ComprehensionCheckForm } from "@/components/quality/comprehension-check-form";
import { ReturnRequestNotice } from "@/components/quality/return-request-notice";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getStudyForCrowdworker } from "@/lib/assignment/get-study-for-crowdworker";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { publicComprehensionQuestions } from "@/lib/quality/comprehension-questions";
import { getCrowdworkerCheckStatus } from "@/lib/quality/get-crowdworker-check-status";
import { COMPREHENSION_ATTEMPTS, describeReturnRequest } from "@/lib/quality/policy";

export const dynamic = "force-dynamic";

export default async function StudyInstructionsPage(props: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await props.params;
  const user = await requirePageRole("CROWDWORKER");

  const study = await getStudyForCrowdworker({ studyId, userId: user.id });
  if (!study) {
    notFound();
  }
  if (!study.participating) {
    redirect(`/study/${encodeURIComponent(studyId)}`);
  }
  if (study.status !== "OPEN") {
    return <StudyUnavailableNotice status={study.status} />;
  }

  const checks = await getCrowdworkerCheckStatus({ studyId, userId: user.id });
  if (checks?.returnReason) {
    return <ReturnRequestNotice message={describeReturnRequest(checks.returnReason)} />;
  }

  return (
    <Card className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Instructions</h1>

      <section aria-labelledby="task-heading" className="space-y-2 text-sm text-slate-700">
        <h2 id="task-heading" className="text-base font-semibold text-slate-900">
          Your task
        </h2>
        <p>
          Each item shows a question a user asked, a short description of what that user likes, and two answers to the
          question, labelled Response A and Response B.
        </p>
        <p>
          Below the answers are one or more questions, each about one thing the user wants. For each, choose &ldquo;Response
          A is better&rdquo;, &ldquo;About the same&rdquo; or &ldquo;Response B is better&rdquo;. Judge only what that
          question asks about, and judge it for this user, not for yourself. The order of the two answers is random.
        </p>
        <p>
          You will judge up to {study.itemsPerWorker} items. Your answers are saved when you press Submit, and you have{" "}
          {study.leaseMinutes} minutes for each item. After your last item you receive your completion code.
        </p>
      </section>

      {study.instructions.trim() !== "" && (
        <section aria-labelledby="study-instructions-heading" className="space-y-2">
          <h2 id="study-instructions-heading" className="text-base font-semibold">
            From the study team
          </h2>
          <Markdown>{study.instructions}</Markdown>
        </section>
      )}

      {checks?.comprehensionPending ? (
        <section aria-labelledby="comprehension-heading" className="space-y-2">
          <h2 id="comprehension-heading" className="text-base font-semibold">
            Check your understanding
          </h2>
          <ComprehensionCheckForm
            studyId={studyId}
            questions={publicComprehensionQuestions()}
            attemptsLeft={COMPREHENSION_ATTEMPTS - checks.comprehensionAttempts}
          />
        </section>
      ) : (
        // A plain GET form, so nothing prefetches the judging page, whose render leases an item.
        <form method="get" action={`/study/${encodeURIComponent(studyId)}/judge`}>
          <Button type="submit">Start</Button>
        </form>
      )}
    </Card>
  );
}
