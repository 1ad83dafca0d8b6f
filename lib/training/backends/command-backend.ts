import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { access, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logger";
import { commandSettingsSchema, type CommandSettings } from "@/lib/training/backend-settings";
import { TrainingBackendError, type JobWithBackend, type TrainingBackendDriver } from "@/lib/training/backends/training-backend-driver";
import { fillCommandTemplate, splitCommandTemplate } from "@/lib/training/command-template";
import { finishTrainingAttempt, type AttemptOutcome } from "@/lib/training/finish-training-attempt";
import { keepLogTail } from "@/lib/training/keep-log-tail";
import { getAttemptDirectory, resolveExportFolder } from "@/lib/training/training-paths";
import type { AttemptSpec, TrainingSpec } from "@/lib/training/training-spec";
import { updateTrainingAttempt } from "@/lib/training/update-training-attempt";

/** Worker variables every command receives; others only when a backend lists them in passEnvironment. */
const BASE_ENVIRONMENT = ["PATH", "HOME", "LANG", "TZ", "TMPDIR", "CUDA_VISIBLE_DEVICES"];

/** Milliseconds between checks for a cancel request, which also save the output so far. */
const WATCH_INTERVAL_MS = 1_000;

/** Milliseconds a process group gets after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 10_000;

type Exit = { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error };

/**
 * Runs one process per attempt on the worker's machine, in a process group of its own, with
 * argv built from the template without a shell. Output goes to the attempt's log file and,
 * in its last part, to the job row. A cancel request or the timeout stops the whole group.
 */
export const commandBackend: TrainingBackendDriver = {
  async start(job) {
    const settings = commandSettingsSchema.parse(job.backend.settings);
    const attemptDirectory = getAttemptDirectory(job.id, job.attempt);
    const outputDirectory = path.join(attemptDirectory, "output");
    const logPath = path.join(attemptDirectory, "train.log");
    const specPath = path.join(attemptDirectory, "spec.json");
    const datasetPath = await findDataset(job.spec as TrainingSpec);

    // A redelivered job may find files of a delivery that died before it marked the job RUNNING.
    await rm(attemptDirectory, { recursive: true, force: true });
    await mkdir(outputDirectory, { recursive: true });
    const attemptSpec: AttemptSpec = { ...(job.spec as TrainingSpec), jobId: job.id, attempt: job.attempt, datasetLocation: datasetPath, outputLocation: outputDirectory };
    await writeFile(specPath, JSON.stringify(attemptSpec, null, 2));

    const argv = fillCommandTemplate(splitCommandTemplate(settings.commandTemplate), {
      dataset: datasetPath ?? "",
      output: outputDirectory,
      spec: specPath,
      job_id: job.id,
      attempt: String(job.attempt),
      kind: job.kind,
      base_model: attemptSpec.baseModel,
    });
    const outcome = await runProcess({ job, settings, argv, logPath, outputDirectory });

    await finishTrainingAttempt({ jobId: job.id, attempt: job.attempt, outcome: outcome.result, logs: outcome.logs });
  },

  async poll() {
    return false;
  },

  // The worker running the attempt watches for the CANCELLING status and stops the group itself.
  async cancel() {},
};

async function findDataset(spec: TrainingSpec): Promise<string | null> {
  if (!spec.dataset) {
    return null;
  }

  const datasetPath = resolveExportFolder(spec.dataset.filePath);
  try {
    await access(datasetPath);
  } catch {
    throw new TrainingBackendError(`The dataset file ${datasetPath} of export ${spec.dataset.exportId} is missing on this worker; check EXPORT_DIR or export the data again.`);
  }
  return datasetPath;
}

async function runProcess(options: { job: JobWithBackend; settings: CommandSettings; argv: string[]; logPath: string; outputDirectory: string }) {
  const { job, settings, argv, logPath } = options;
  const logFile = createWriteStream(logPath);
  let logs = `$ ${argv.join(" ")}\n`;
  logFile.write(logs);

  const child = spawn(argv[0], argv.slice(1), {
    cwd: settings.workingDirectory,
    env: buildEnvironment(settings, job),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, spawnError: error }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk: Buffer) => {
      logFile.write(chunk);
      logs = keepLogTail(logs + chunk.toString());
    });
  }

  const marked = child.pid !== undefined && (await markRunning(job, child.pid, logPath, options.outputDirectory));
  if (child.pid !== undefined && !marked) {
    // Cancelled or retried between the worker picking the job and the process starting.
    killGroup(child.pid, "SIGKILL");
  }

  const watch = await watchProcess({ job, pid: child.pid, exited, timeoutMs: settings.timeoutMinutes * 60_000, readLogs: () => logs });
  const exit = await exited;
  if (child.pid !== undefined) {
    killGroup(child.pid, "SIGKILL");
  }
  await new Promise((resolve) => logFile.end(resolve));

  return { result: await describeOutcome({ exit, watch, argv, timeoutMinutes: settings.timeoutMinutes, outputDirectory: options.outputDirectory, cancelled: !marked }), logs };
}

function buildEnvironment(settings: CommandSettings, job: JobWithBackend): NodeJS.ProcessEnv {
  const names = [...BASE_ENVIRONMENT, ...settings.passEnvironment];
  const passed = Object.fromEntries(names.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));

  // Next.js types NODE_ENV as always present; the command is deliberately run without it.
  return { ...passed, LADLE_TRAINING_JOB_ID: job.id, LADLE_TRAINING_ATTEMPT: String(job.attempt) } as unknown as NodeJS.ProcessEnv;
}

async function markRunning(job: JobWithBackend, pid: number, logPath: string, outputDirectory: string): Promise<boolean> {
  const now = new Date();
  return updateTrainingAttempt({
    jobId: job.id,
    attempt: job.attempt,
    from: ["QUEUED"],
    data: { status: "RUNNING", processId: pid, processHost: hostname(), submittedAt: now, startedAt: now, logPath, outputUri: outputDirectory, externalId: `pid ${pid}` },
  });
}

type WatchResult = { cancelled: boolean; timedOut: boolean };

/** Save output and check for a cancel request every second until the process exits; stop the group on cancel or timeout. */
async function watchProcess(options: { job: JobWithBackend; pid: number | undefined; exited: Promise<Exit>; timeoutMs: number; readLogs: () => string }): Promise<WatchResult> {
  const { job, pid } = options;
  const deadline = Date.now() + options.timeoutMs;
  const result: WatchResult = { cancelled: false, timedOut: false };
  let stoppedAt: number | null = null;
  let savedLogs = "";
  let done = false;
  void options.exited.then(() => (done = true));

  while (!done && pid !== undefined) {
    await Promise.race([options.exited, new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS))]);

    const logs = options.readLogs();
    const current = await db.trainingJob.findUnique({ where: { id: job.id }, select: { status: true, attempt: true } });
    if (logs !== savedLogs) {
      await db.trainingJob.updateMany({ where: { id: job.id, attempt: job.attempt }, data: { logs } });
      savedLogs = logs;
    }

    const cancelRequested = current?.attempt !== job.attempt || current.status === "CANCELLING";
    const timedOut = Date.now() > deadline;
    if (!done && stoppedAt === null && (cancelRequested || timedOut)) {
      result.cancelled = cancelRequested;
      result.timedOut = !cancelRequested && timedOut;
      logger.info({ trainingJobId: job.id, attempt: job.attempt, pid, cancelRequested, timedOut }, "stopping training command");
      killGroup(pid, "SIGTERM");
      stoppedAt = Date.now();
    }
    if (!done && stoppedAt !== null && Date.now() - stoppedAt > KILL_GRACE_MS) {
      killGroup(pid, "SIGKILL");
    }
  }
  return result;
}

async function describeOutcome(options: { exit: Exit; watch: WatchResult; argv: string[]; timeoutMinutes: number; outputDirectory: string; cancelled: boolean }): Promise<AttemptOutcome> {
  const { exit, watch } = options;
  const exitCode = exit.code;

  if (exit.spawnError) {
    return { status: "FAILED", error: `Could not start ${options.argv[0]}: ${exit.spawnError.message}. Check the backend's command template and working directory.` };
  }
  if (watch.cancelled || options.cancelled) {
    return { status: "CANCELLED", exitCode, error: "Cancelled; the process group was stopped." };
  }
  if (watch.timedOut) {
    return { status: "FAILED", exitCode, error: `Timed out after ${options.timeoutMinutes} minutes; the process group was stopped.` };
  }
  if (exitCode !== 0) {
    const how = exitCode === null ? `was killed by ${exit.signal}` : `exited with code ${exitCode}`;
    return { status: "FAILED", exitCode, error: `The command ${how}; see the log.` };
  }
  if ((await readdir(options.outputDirectory)).length === 0) {
    return { status: "FAILED", exitCode, error: `The command exited with code 0 but wrote nothing to ${options.outputDirectory}; write the checkpoint to the {output} folder.` };
  }
  return { status: "SUCCEEDED", exitCode, artifactUri: options.outputDirectory };
}

/** Signal a whole process group, ignoring a group that is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}
