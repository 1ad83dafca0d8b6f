import type { JobQueue } from "@/lib/jobs/job-queues";
import { trainingPollQueue, trainingRunQueue, trainingStopQueue } from "@/lib/training/training-queues";

/** Every queue the worker serves. Each entry lives beside the lib code that handles it. */
export const WORKER_QUEUES: JobQueue[] = [trainingRunQueue, trainingPollQueue, trainingStopQueue] as JobQueue[];
