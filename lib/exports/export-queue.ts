import { z } from "zod";

import type { JobQueue } from "@/lib/jobs/job-queues";
import { runDataExport } from "@/lib/exports/run-data-export";

export const exportJobSchema = z.object({ exportId: z.string().min(1) });
export type ExportJob = z.infer<typeof exportJobSchema>;

/**
 * Background exports. With a 30 s heartbeat, pg-boss fails the job of a killed worker at its
 * next supervision pass (every 60 s by default) and retries it after 30 s or more. A healthy
 * export may run up to the 12-hour expiry.
 */
export const exportQueue: JobQueue<ExportJob> = {
  name: "data-export",
  options: { heartbeatSeconds: 30, expireInSeconds: 12 * 60 * 60, retryLimit: 3, retryDelay: 30, retryBackoff: true },
  concurrency: 1,
  handle: async (data) => {
    await runDataExport(exportJobSchema.parse(data));
  },
};
