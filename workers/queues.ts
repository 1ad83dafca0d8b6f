import type { JobQueue } from "@/lib/jobs/job-queues";
import { trainingCommandQueue, trainingPollQueue, trainingStopQueue, trainingSubmitQueue } from "@/lib/training/training-queues";

/** Every queue the worker serves. Each entry lives beside the lib code that handles it. */
export const WORKER_QUEUES: JobQueue[] = [trainingCommandQueue, trainingSubmitQueue, trainingPollQueue, trainingStopQueue] as JobQueue[];
