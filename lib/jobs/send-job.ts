import type { SendOptions } from "pg-boss";

import { getJobBoss } from "@/lib/jobs/get-job-boss";
import type { JobQueue } from "@/lib/jobs/job-queues";

/** Create the queue if needed and send one job to it; returns the job id, or null when pg-boss skipped a duplicate. */
export async function sendJob<Data extends object>(queue: JobQueue<Data>, data: Data, options: SendOptions = {}): Promise<string | null> {
  const boss = await getJobBoss();

  await boss.createQueue(queue.name, queue.options);
  return boss.send(queue.name, data, options);
}
