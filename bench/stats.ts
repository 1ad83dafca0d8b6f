/**
 * Benchmark of the statistics loaders on a large study. It creates a scratch database on the
 * server of DATABASE_URL and fills it with about `--judgments` judgments
 * (bench/generate-stats-judgments.ts). Then it times each loader `--runs` times after one
 * warm-up call, beside a plain SQL GROUP BY over the whole Judgment table as the reference.
 * The database is dropped at the end unless `--keep` is given. See docs/statistics.md.
 *
 *   DATABASE_URL=postgresql://... npm run bench:stats -- [--judgments 1000000] [--runs 5] [--rounds 1000] [--keep]
 */
import os from "node:os";
import { parseArgs } from "node:util";

import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { getPool } from "@/lib/db/pool";
import { db, getPrisma } from "@/lib/db/prisma";
import { seedPreferences } from "@/lib/preferences/seed-preferences";
import { getStudyAgreement } from "@/lib/stats/get-study-agreement";
import { getStudyBias } from "@/lib/stats/get-study-bias";
import { getStudyRatings } from "@/lib/stats/get-study-ratings";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";

import { generateStatsJudgments } from "./generate-stats-judgments";

type Timing = { label: string; samples: number[]; targetMs: number | null };

async function main() {
  const { values } = parseArgs({
    options: {
      judgments: { type: "string", default: "1000000" },
      runs: { type: "string", default: "5" },
      rounds: { type: "string", default: "1000" },
      keep: { type: "boolean", default: false },
    },
  });
  const judgments = positiveInteger(values.judgments, "--judgments");
  const runs = positiveInteger(values.runs, "--runs");
  const rounds = positiveInteger(values.rounds, "--rounds");

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("DATABASE_URL is not set. Point it at a PostgreSQL server; the benchmark creates and drops its own database there.");
  }

  const scratch = await createScratchDatabase(serverUrl, "ladle_bench_stats");
  process.env.DATABASE_URL = scratch.url;
  try {
    await seedPreferences();
    const generateStart = performance.now();
    const study = await generateStatsJudgments({ databaseUrl: scratch.url, judgments, prefix: "bench" });
    const generateSeconds = (performance.now() - generateStart) / 1000;
    console.log(`Generated ${study.judgmentCount} judgments over ${study.promptCount} prompts in ${generateSeconds.toFixed(1)} s.`);

    const actor = { id: study.researcherId, role: "RESEARCHER" as const };
    const studyId = study.studyId;
    const timings: Timing[] = [
      await time("reference: SELECT judgeType, criterionSideId, verdict, count(*) FROM Judgment GROUP BY 1, 2, 3", null, runs, () =>
        db.$queryRaw`SELECT "judgeType", "criterionSideId", "verdict", count(*)::int FROM "Judgment" GROUP BY 1, 2, 3`,
      ),
      await time(`getStudyWinRateTable, human and simulated, ${rounds}-round bootstrap`, 300, runs, () => getStudyWinRateTable({ actor, studyId, rounds })),
      await time(`getStudyWinRateTable with ties excluded, ${rounds}-round bootstrap`, 300, runs, () =>
        getStudyWinRateTable({ actor, studyId, rounds, convention: "tiesExcluded" }),
      ),
      await time("getStudyWinRateTable, 1 bootstrap round (the SQL and layout part)", null, runs, () => getStudyWinRateTable({ actor, studyId, rounds: 1 })),
      await time(`getStudyRatings, Bradley-Terry with a ${rounds}-round bootstrap`, 2000, runs, () => getStudyRatings({ actor, studyId, rounds })),
      await time("getStudyAgreement", null, runs, () => getStudyAgreement({ actor, studyId })),
      await time("getStudyBias", null, runs, () => getStudyBias({ actor, studyId })),
    ];

    printReport({ timings, judgments: study.judgmentCount, prompts: study.promptCount, runs, generateSeconds });
    if (values.keep) {
      console.log(`\nKept the database: ${scratch.url}`);
    }
  } finally {
    await getPrisma().$disconnect();
    // $disconnect leaves the shared pool open. Closed before the drop, its connections are not
    // ended by the server, which the pool would log as warnings.
    await getPool().end();
    if (!values.keep) {
      await scratch.drop();
    }
  }
}

async function time(label: string, targetMs: number | null, runs: number, call: () => Promise<unknown>): Promise<Timing> {
  await call();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  console.log(`${label}: median ${median(samples).toFixed(0)} ms`);
  return { label, samples, targetMs };
}

function printReport({ timings, judgments, prompts, runs, generateSeconds }: { timings: Timing[]; judgments: number; prompts: number; runs: number; generateSeconds: number }) {
  const reference = median(timings[0].samples);
  const cpus = os.cpus();
  console.log(`\n${judgments} judgments, ${prompts} prompts, generated in ${generateSeconds.toFixed(1)} s; median of ${runs} runs after one warm-up.`);
  console.log(`Machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(" / ")}, Node ${process.version}.\n`);
  console.log("| Call | Median (ms) | Min-max (ms) | Ratio to reference | Target |");
  console.log("|---|---|---|---|---|");
  for (const timing of timings) {
    const value = median(timing.samples);
    const range = `${Math.min(...timing.samples).toFixed(0)}-${Math.max(...timing.samples).toFixed(0)}`;
    const target = timing.targetMs === null ? "" : `< ${timing.targetMs} ms: ${value < timing.targetMs ? "met" : "missed"}`;
    console.log(`| ${timing.label} | ${value.toFixed(0)} | ${range} | ${(value / reference).toFixed(2)} | ${target} |`);
  }
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function positiveInteger(value: string | undefined, option: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`${option} must be a positive whole number, but got ${JSON.stringify(value)}.`);
  }
  return parsed;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
