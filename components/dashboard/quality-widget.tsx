import { QualityTable } from "@/components/quality/quality-table";
import type { CrowdworkerQuality } from "@/lib/quality/get-crowdworker-quality";

/** Render the crowdworker quality table with its exclusion controls, as its loader narrowed it by the filters. */
export async function QualityWidget({ studyId, quality }: { studyId: string; quality: Promise<CrowdworkerQuality[]> }) {
  return <QualityTable studyId={studyId} rows={await quality} filtered />;
}
