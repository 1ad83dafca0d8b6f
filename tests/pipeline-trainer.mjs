#!/usr/bin/env node
/**
 * Stand-in for a reward-model training script that reads a whole export folder, run by the
 * COMMAND backend in the pipeline test:
 *   node tests/pipeline-trainer.mjs --dataset <export folder> --output <dir> --spec <spec.json>
 * It checks that the SHA-256 of manifest.json equals the spec's dataset.sha256, reads every data
 * file the manifest lists, checks that each row has TRL fields, and writes what it read (file
 * names, row counts and SHA-256 of the bytes read) to <output>/adapter_config.json. Any
 * mismatch exits with code 2 and a message on stderr.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name) => args[args.indexOf(`--${name}`) + 1];
const spec = JSON.parse(readFileSync(option("spec"), "utf8"));
const folder = option("dataset");

function fail(message) {
  console.error(message);
  process.exit(2);
}

const manifestText = readFileSync(path.join(folder, "manifest.json"), "utf8");
const manifestSha256 = createHash("sha256").update(manifestText).digest("hex");
if (manifestSha256 !== spec.dataset.sha256) {
  fail(`manifest.json has SHA-256 ${manifestSha256}, but the spec expects ${spec.dataset.sha256}`);
}

const manifest = JSON.parse(manifestText);
const files = [];
for (const listed of manifest.files) {
  const text = readFileSync(path.join(folder, listed.name), "utf8");
  const rows = text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
  for (const [index, row] of rows.entries()) {
    for (const field of ["prompt", "chosen", "rejected"]) {
      if (typeof row[field] !== "string") {
        fail(`${listed.name} row ${index + 1} has no string ${field}`);
      }
    }
  }
  files.push({ name: listed.name, rows: rows.length, sha256: createHash("sha256").update(text).digest("hex") });
  console.log(`read ${rows.length} rows from ${listed.name}`);
}

writeFileSync(path.join(option("output"), "adapter_config.json"), JSON.stringify({ base_model: spec.baseModel, manifest_sha256: manifestSha256, files }));
console.log("saved adapter");
