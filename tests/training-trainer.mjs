#!/usr/bin/env node
/**
 * Stand-in for a training script, run by the COMMAND backend in the training tests:
 *   node tests/training-trainer.mjs --dataset <jsonl> --output <dir> --spec <spec.json>
 * The spec's parameters.mode picks the behaviour: "succeed" (default) checks the TRL rows and
 * writes an adapter into the output folder (for a MERGE spec, the adapters and weights), "fail" exits with code 3, "empty" exits 0 without
 * output, and "hang" starts a child process and waits until it is killed. Every mode writes
 * its received argv to <output>/argv.json first, except "empty".
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(`--${name}`) + 1];
const spec = JSON.parse(readFileSync(option("spec"), "utf8"));
const mode = spec.parameters.mode ?? "succeed";
const output = option("output");

if (mode !== "empty") {
  writeFileSync(path.join(output, "argv.json"), JSON.stringify(args));
}
console.log(`training ${spec.kind} ${spec.name} from ${spec.baseModel}`);

if (mode === "fail") {
  console.error("loss is NaN at step 3");
  process.exit(3);
}

if (mode === "hang") {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  writeFileSync(path.join(output, "pids.json"), JSON.stringify({ trainer: process.pid, child: child.pid }));
  console.log("waiting for a signal");
  setInterval(() => {}, 1000);
} else if (mode === "succeed" && spec.kind === "MERGE") {
  const total = spec.adapters.reduce((sum, adapter) => sum + adapter.weight, 0);
  writeFileSync(path.join(output, "merge.json"), JSON.stringify({ base_model: spec.baseModel, adapters: spec.adapters, total_weight: total }));
  console.log(`merged ${spec.adapters.length} adapters for ${spec.combination.name}`);
} else if (mode === "succeed") {
  const text = readFileSync(option("dataset"), "utf8");
  const rows = text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
  for (const [index, row] of rows.entries()) {
    for (const field of ["prompt", "chosen", "rejected"]) {
      if (typeof row[field] !== "string") {
        console.error(`row ${index + 1} has no string ${field}`);
        process.exit(2);
      }
    }
  }
  const sha256 = createHash("sha256").update(text).digest("hex");
  writeFileSync(path.join(output, "adapter_config.json"), JSON.stringify({ base_model: spec.baseModel, rows: rows.length, dataset_sha256: sha256 }));
  console.log(`step 1 loss 0.69 on ${rows.length} rows`);
  console.error("saved adapter");
}
