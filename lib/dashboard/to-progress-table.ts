import type { DashboardTable } from "@/lib/dashboard/dashboard-table";
import type { StudyProgress } from "@/lib/dashboard/get-study-progress";
import { PROGRESS_SLOT_MINUTES } from "@/lib/dashboard/bucket-progress";

/** Flatten progress into one row per 15-minute UTC slot with work, with running totals. */
export function toProgressTable(progress: StudyProgress): DashboardTable {
  let humanItems = 0;
  let simulatedJudgments = 0;

  return {
    name: "progress",
    title: `Progress per ${PROGRESS_SLOT_MINUTES}-minute slot (UTC); target ${progress.humanItemsTarget} items judged by crowdworkers`,
    columns: ["slot_start_utc", "human_items", "human_items_total", "human_items_target", "simulated_judgments", "simulated_judgments_total"],
    rows: progress.slots.map((slot) => {
      humanItems += slot.humanItems;
      simulatedJudgments += slot.simulatedJudgments;
      return {
        slot_start_utc: slot.start,
        human_items: slot.humanItems,
        human_items_total: humanItems,
        human_items_target: progress.humanItemsTarget,
        simulated_judgments: slot.simulatedJudgments,
        simulated_judgments_total: simulatedJudgments,
      };
    }),
  };
}
