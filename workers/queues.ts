import { exportQueue } from "@/lib/exports/export-queue";
import type { JobQueue } from "@/lib/jobs/job-queues";
import { judgeRunQueue } from "@/lib/judges/judge-run-queue";

/** Every queue the worker serves. Each entry lives beside the lib code that handles it. */
export const WORKER_QUEUES: JobQueue[] = [judgeRunQueue as JobQueue, exportQueue as JobQueue];
