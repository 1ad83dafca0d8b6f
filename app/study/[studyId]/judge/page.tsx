import { notFound, redirect } from "next/navigation";

import { CompletionNotice } from "@/components/judging/completion-notice";
import { JudgingScreen } from "@/components/judging/judging-screen";
import { SignedOutNotice } from "@/components/judging/signed-out-notice";
import { StudyUnavailableNotice } from "@/components/judging/study-unavailable-notice";
import { Card } from "@/components/ui/card";
import { claimNextItem } from "@/lib/assignment/claim-next-item";
import { completeParticipation } from "@/lib/assignment/complete-participation";
import { getAssignmentView } from "@/lib/assignment/get-assignment-view";
import { getStudyForCrowdworker } from "@/lib/assignment/get-study-for-crowdworker";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { requirePageRole } from "@/lib/auth/require-page-role";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Shows the crowdworker's current item, leasing the next one when they hold none. A visitor
 * without a session, usually a crowdworker whose session expired, is pointed back to their
 * study link rather than to the staff sign-in page.
 */
export default async function JudgePage(props: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await props.params;
  if (!(await getCurrentUser())) {
    return <SignedOutNotice studyId={studyId} />;
  }
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

  let assignment;
  try {
    assignment = await claimNextItem({ studyId, userId: user.id });
  } catch (error) {
    if (error instanceof AppError) {
      return (
        <Card role="alert">
          <p className="text-sm text-slate-700">{error.message}</p>
        </Card>
      );
    }
    throw error;
  }

  if (!assignment) {
    const completion = await completeParticipation({ studyId, userId: user.id });
    if (completion.completionUrl) {
      redirect(completion.completionUrl);
    }
    return <CompletionNotice completion={completion} />;
  }

  const view = await getAssignmentView({ assignmentId: assignment.id, userId: user.id });
  return <JudgingScreen key={view.assignmentId} view={view} />;
}
