import { z } from "zod";

import type { JobQueue } from "@/lib/jobs/job-queues";
import { executeJudgeRun } from "@/lib/judges/execute-judge-run";

const judgeRunJobSchema = z.object({ runId: z.string().min(1) });

export type JudgeRunJob = z.infer<typeof judgeRunJobSchema>;

/**
 * One job per judge run. Workers send a heartbeat every 5 s. A job without one for 10 s is
 * failed and retried on another worker, which resumes from the stored calls.
 */
// NOTE: a run still going after expireInSeconds (12 h) is handed to a second worker while the
// first continues, so requests in flight then can be sent twice.
export const judgeRunQueue: JobQueue<JudgeRunJob> = {
  name: "judge-run",
  options: { heartbeatSeconds: 10, expireInSeconds: 12 * 60 * 60, retryLimit: 5, retryDelay: 1 },
  concurrency: 2,
  handle: async (data) => {
    const { runId } = judgeRunJobSchema.parse(data);
    await executeJudgeRun({ runId });
  },
};
