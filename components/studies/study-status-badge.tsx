import type { StudyStatus } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";

const STYLES: Record<StudyStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700",
  OPEN: "bg-green-100 text-green-800",
  CLOSED: "bg-amber-100 text-amber-800",
};

export function StudyStatusBadge({ status }: { status: StudyStatus }) {
  return <span className={cn("rounded px-2 py-0.5 text-xs font-medium", STYLES[status])}>{status.toLowerCase()}</span>;
}
