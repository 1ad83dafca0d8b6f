import { StudyUnavailableNotice } from "@/components/judging/study-unavailable-notice";

/** Rendered with HTTP 404 when a study page calls notFound() for an id that matches no study. */
export default function StudyNotFound() {
  return <StudyUnavailableNotice status="MISSING" />;
}
