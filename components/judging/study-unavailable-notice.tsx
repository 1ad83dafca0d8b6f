import { Card } from "@/components/ui/card";
import type { StudyStatus } from "@/lib/generated/prisma/enums";

/** Shown instead of the study when its link is wrong or it is not open. */
export function StudyUnavailableNotice({ status }: { status: StudyStatus | "MISSING" }) {
  const { title, body } = {
    MISSING: {
      title: "This study link is not valid",
      body: "Check that you copied the whole link from the recruiting platform, or open it from there again.",
    },
    DRAFT: {
      title: "This study has not opened yet",
      body: "The study team has not started it. Return to the recruiting platform and try again later.",
    },
    CLOSED: {
      title: "This study is closed",
      body: "It no longer accepts judgments. Return the study on the recruiting platform. Judgments you already submitted are saved.",
    },
    OPEN: {
      title: "This study is open",
      body: "Reload the page to continue.",
    },
  }[status];

  return (
    <Card role="status">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-700">{body}</p>
    </Card>
  );
}
