/**
 * Runs Ladle's background worker: serves every queue in WORKER_QUEUES through pg-boss on
 * DATABASE_URL. Start as many worker processes as needed; pg-boss hands each job to one.
 */
import "dotenv/config";

import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { logger } from "@/lib/logger";
import { WORKER_QUEUES } from "@/workers/queues";

async function main() {
  const boss = await getJobBoss();

  for (const queue of WORKER_QUEUES) {
    await boss.createQueue(queue.name, queue.options);
    await boss.work<object>(queue.name, { batchSize: 1, localConcurrency: queue.concurrency }, async ([job]) => {
      logger.info({ queue: queue.name, jobId: job.id }, "job started");
      try {
        await queue.handle(job.data, job.id);
      } catch (error) {
        logger.error({ err: error, queue: queue.name, jobId: job.id }, "job failed");
        throw error;
      }
      logger.info({ queue: queue.name, jobId: job.id }, "job finished");
    });
  }
  logger.info({ queues: WORKER_QUEUES.map((queue) => queue.name) }, "worker started");

  // Under `npm run dev` the worker gets SIGINT from the terminal and SIGTERM from the launcher.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, "worker stopping");
    await boss.stop({ graceful: true, timeout: 30_000 });
    logger.info({ signal }, "worker stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  logger.error({ err: error }, "worker failed to start");
  process.exit(1);
});
