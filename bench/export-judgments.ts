/**
 * Export benchmark: exports a study's judgments as JSONL through the background export job
 * and compares its rows per second with PostgreSQL's own COPY ... TO STDOUT of the same query
 * in the same run. Each export and COPY runs in a child process of its own, which reports its
 * peak RSS. Two study sizes show whether memory grows with the export.
 * Needs DATABASE_URL naming a PostgreSQL server, on which it creates and drops a scratch
 * database. See docs/exports.md.
 *
 *   npm run bench:export -- [--judgments 1000000] [--small 100000] [--rounds 2]
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import pg from "pg";

import { createLoadStudy } from "@/e2e/support/database";
import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getPrisma } from "@/lib/db/prisma";

const RESPONSE_TEXT = "The moon's gravity pulls the oceans towards it, and the Earth's rotation carries each coast through two bulges a day. ".repeat(6);
const CROWDWORKERS = 500;

type ChildResult = { mode: string; seconds: number; maxRssMiB: number };
type SizeResult = { judgments: number; export: ChildResult[]; copy: ChildResult[]; exportBytes: number; copyBytes: number };

async function main() {
  const { values } = parseArgs({
    options: {
      judgments: { type: "string", default: "1000000" },
      small: { type: "string", default: "100000" },
      rounds: { type: "string", default: "2" },
    },
  });
  const sizes = [positiveInteger(values.small, "--small"), positiveInteger(values.judgments, "--judgments")];
  const rounds = positiveInteger(values.rounds, "--rounds");

  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    throw new Error("DATABASE_URL is not set. Point it at a PostgreSQL server; the benchmark creates and drops its own database there.");
  }
  const scratch = await createScratchDatabase(serverUrl, "ladle_bench_export");
  const exportDirectory = await mkdtemp(path.join(os.tmpdir(), "ladle-bench-export-"));
  process.env.DATABASE_URL = scratch.url;
  process.env.EXPORT_DIR = exportDirectory;
  const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });

  try {
    await prepareDatabase();
    const results: SizeResult[] = [];
    for (const judgments of sizes) {
      const studyId = await createJudgedStudy(pool, judgments);
      console.log(`stored ${judgments} judgments in study ${studyId}`);
      results.push(await measure(pool, { studyId, judgments, rounds, exportDirectory }));
    }
    await report(results, rounds);
  } finally {
    await pool.end();
    await getPrisma().$disconnect();
    await scratch.drop();
    await rm(exportDirectory, { recursive: true, force: true });
  }
}

/** Create a study whose judgments are spread over 1,000 items, three criteria and CROWDWORKERS pseudonymous crowdworkers. */
async function createJudgedStudy(pool: pg.Pool, judgments: number): Promise<string> {
  const { studyId } = await createLoadStudy(pool, { itemCount: 1000, judgmentsPerItem: 3, itemsPerWorker: 20 });
  const prefix = `${studyId}-bench`;

  await pool.query(`update "Response" set text = $2 || id where id in (select "candidateResponseId" from "StudyItem" where "studyId" = $1 union select "baselineResponseId" from "StudyItem" where "studyId" = $1)`, [
    studyId,
    RESPONSE_TEXT,
  ]);
  await pool.query(
    `insert into "User" (id, role, "participantId", pseudonym)
     select $1 || '-worker-' || g, 'CROWDWORKER', $1 || '-pid-' || g, $1 || '-W' || g from generate_series(1, $2::int) as g`,
    [prefix, CROWDWORKERS],
  );
  await pool.query(
    `insert into "Judgment" (id, "studyItemId", "judgeType", "userId", "criterionSideId", verdict, "shownFirst", "createdAt")
     select $1 || '-' || lpad(g::text, 9, '0'), items.ids[1 + g % cardinality(items.ids)], 'HUMAN',
            $1 || '-worker-' || (1 + g % $4::int), sides.ids[1 + g % 3],
            (array['CANDIDATE', 'TIE', 'BASELINE'])[1 + (g / 7) % 3]::"Verdict", (array['CANDIDATE', 'BASELINE'])[1 + g % 2]::"ComparedSystem",
            now() - make_interval(secs => g)
     from generate_series(1, $3::int) as g,
          (select array_agg(id order by id) as ids from "StudyItem" where "studyId" = $2) as items,
          (select array_agg(id order by key) as ids from "Side" where key in ('P1A', 'P2A', 'P3A')) as sides`,
    [prefix, studyId, judgments, CROWDWORKERS],
  );
  await pool.query(`analyze`);
  return studyId;
}

/** Run COPY and the export alternately, so a busy moment on the shared machine slows both alike. */
async function measure(pool: pg.Pool, options: { studyId: string; judgments: number; rounds: number; exportDirectory: string }): Promise<SizeResult> {
  const result: SizeResult = { judgments: options.judgments, export: [], copy: [], exportBytes: 0, copyBytes: 0 };
  const creator = await pool.query<{ id: string }>(`select id from "User" where role = 'RESEARCHER' limit 1`);

  for (let round = 0; round < options.rounds; round += 1) {
    const copyFile = path.join(options.exportDirectory, `copy-${options.judgments}-${round}.csv`);
    result.copy.push(runChild(["copy", options.studyId, copyFile]));
    result.copyBytes = (await stat(copyFile)).size;
    await rm(copyFile);

    const exportId = `bench-${options.judgments}-${round}`;
    const parameters = { kind: "judgments", format: "jsonl", studyId: options.studyId, judgeType: "all", excludedCrowdworkers: "mark" };
    await pool.query(
      `insert into "DataExport" (id, kind, format, "studyId", parameters, "createdById") values ($1, 'judgments', 'jsonl', $2, $3, $4)`,
      [exportId, options.studyId, parameters, creator.rows[0].id],
    );
    result.export.push(runChild(["export", exportId]));
    const stored = await pool.query<{ status: string; rowsWritten: number }>(`select status, "rowsWritten" from "DataExport" where id = $1`, [exportId]);
    if (stored.rows[0].status !== "COMPLETE" || stored.rows[0].rowsWritten !== options.judgments) {
      throw new Error(`Export ${exportId} ended ${stored.rows[0].status} with ${stored.rows[0].rowsWritten} rows; expected ${options.judgments}.`);
    }
    result.exportBytes = (await stat(path.join(options.exportDirectory, exportId, "judgments.jsonl"))).size;
    await rm(path.join(options.exportDirectory, exportId), { recursive: true });
  }
  return result;
}

function runChild(args: string[]): ChildResult {
  const child = spawnSync(process.execPath, ["--import", "tsx", "bench/run-export-process.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) {
    throw new Error(`bench/run-export-process.ts ${args.join(" ")} exited with ${child.status}: ${child.stdout}`);
  }
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as ChildResult;
}

async function report(results: SizeResult[], rounds: number) {
  const best = (runs: ChildResult[]) => Math.min(...runs.map((run) => run.seconds));
  const rows = results.map((result) => {
    const exportRate = result.judgments / best(result.export);
    const copyRate = result.judgments / best(result.copy);
    return {
      judgments: result.judgments,
      exportSeconds: result.export.map((run) => Number(run.seconds.toFixed(2))),
      copySeconds: result.copy.map((run) => Number(run.seconds.toFixed(2))),
      exportRowsPerSecond: Math.round(exportRate),
      copyRowsPerSecond: Math.round(copyRate),
      ratioToCopy: Number((exportRate / copyRate).toFixed(3)),
      exportPeakRssMiB: Math.round(Math.max(...result.export.map((run) => run.maxRssMiB))),
      copyClientPeakRssMiB: Math.round(Math.max(...result.copy.map((run) => run.maxRssMiB))),
      exportFileMiB: Number((result.exportBytes / 2 ** 20).toFixed(1)),
      copyFileMiB: Number((result.copyBytes / 2 ** 20).toFixed(1)),
    };
  });
  const summary = { date: new Date().toISOString(), cpus: os.cpus().length, node: process.version, rounds, rows };

  console.log(JSON.stringify(summary, null, 2));
  await mkdir("bench/results", { recursive: true });
  await writeFile(path.join("bench/results", `export-${Date.now()}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

function positiveInteger(value: string | undefined, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`${flag} must be a positive whole number; got ${value}.`);
  }
  return parsed;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
