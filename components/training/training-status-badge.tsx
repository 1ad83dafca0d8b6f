import type { TrainingJobStatus } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";

const STYLES: Record<TrainingJobStatus, string> = {
  QUEUED: "bg-slate-100 text-slate-700",
  SUBMITTED: "bg-sky-100 text-sky-800",
  RUNNING: "bg-indigo-100 text-indigo-800",
  SUCCEEDED: "bg-green-100 text-green-800",
  FAILED: "bg-red-100 text-red-800",
  CANCELLING: "bg-amber-100 text-amber-800",
  CANCELLED: "bg-amber-100 text-amber-800",
};

export function TrainingStatusBadge({ status }: { status: TrainingJobStatus }) {
  return (
    <span data-testid="training-status" className={cn("rounded px-2 py-0.5 text-xs font-medium", STYLES[status])}>
      {status.toLowerCase()}
    </span>
  );
}
