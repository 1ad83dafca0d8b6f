import { exportQueue } from "@/lib/exports/export-queue";
import type { JobQueue } from "@/lib/jobs/job-queues";
import { judgeRunQueue } from "@/lib/judges/judge-run-queue";
import { trainingCommandQueue, trainingPollQueue, trainingStopQueue, trainingSubmitQueue } from "@/lib/training/training-queues";

/** Every queue the worker serves. Each entry lives beside the lib code that handles it. */
export const WORKER_QUEUES: JobQueue[] = [
  judgeRunQueue,
  exportQueue,
  trainingCommandQueue,
  trainingSubmitQueue,
  trainingPollQueue,
  trainingStopQueue,
] as JobQueue[];
