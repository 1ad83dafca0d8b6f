import { z } from "zod";

import type { JobQueue } from "@/lib/jobs/job-queues";
import { runDataExport } from "@/lib/exports/run-data-export";

export const exportJobSchema = z.object({ exportId: z.string().min(1) });
export type ExportJob = z.infer<typeof exportJobSchema>;

/**
 * Background exports. The heartbeat lets pg-boss hand the job of a killed worker to another
 * within about a minute, however long a healthy export runs, up to the 12-hour expiry.
 */
export const exportQueue: JobQueue<ExportJob> = {
  name: "data-export",
  options: { heartbeatSeconds: 30, expireInSeconds: 12 * 60 * 60, retryLimit: 3, retryDelay: 30, retryBackoff: true },
  concurrency: 1,
  handle: async (data) => {
    await runDataExport(exportJobSchema.parse(data));
  },
};
