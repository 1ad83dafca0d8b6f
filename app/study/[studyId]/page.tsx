import { notFound } from "next/navigation";

import { EnterStudyForm } from "@/components/judging/enter-study-form";
import { StudyUnavailableNotice } from "@/components/judging/study-unavailable-notice";
import { Card } from "@/components/ui/card";
import { getStudyForCrowdworker } from "@/lib/assignment/get-study-for-crowdworker";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/** Render the study link's landing page. Prolific appends PROLIFIC_PID, STUDY_ID and SESSION_ID to the link. */
export default async function StudyEntryPage(props: { params: Promise<{ studyId: string }>; searchParams: Promise<SearchParams> }) {
  const { studyId } = await props.params;
  const searchParams = await props.searchParams;

  const study = await getStudyForCrowdworker({ studyId });
  if (!study) {
    notFound();
  }
  if (study.status !== "OPEN") {
    return <StudyUnavailableNotice status={study.status} />;
  }

  return (
    <Card className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold">Welcome to this study</h1>
      <p className="mt-2 text-sm text-slate-700">
        You will compare pairs of answers written for a person with particular preferences. Continue to read the
        instructions.
      </p>
      <div className="mt-6">
        <EnterStudyForm
          studyId={studyId}
          prolificPid={firstValue(searchParams.PROLIFIC_PID)}
          prolificStudyId={firstValue(searchParams.STUDY_ID)}
          prolificSessionId={firstValue(searchParams.SESSION_ID)}
        />
      </div>
    </Card>
  );
}

function firstValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
