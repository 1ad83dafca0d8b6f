import type { Queue } from "pg-boss";

/**
 * A queue the worker serves: pg-boss settings plus the function that handles one job.
 * `handle` must be safe to run again for the same job, because pg-boss redelivers a job
 * whose worker died before completing it.
 */
export type JobQueue<Data extends object = object> = {
  name: string;
  options: Omit<Queue, "name">;
  /** Jobs of this queue one worker process runs at the same time. */
  concurrency: number;
  handle: (data: Data, jobId: string) => Promise<void>;
};
