import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createDataExport } from "@/lib/exports/create-data-export";
import { openExportDownload } from "@/lib/exports/open-export-download";
import { runDataExport } from "@/lib/exports/run-data-export";
import { JUDGMENT_EXPORT_FIELDS } from "@/lib/exports/write-judgment-export";
import { excludeCrowdworker } from "@/lib/quality/exclude-crowdworker";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";

import { createJudgeVersion, listFolder, readJsonLines, readManifest, storeQueuedExport, createTemporaryExportDirectory } from "./exports-fixtures";
import { addResponses, createPromptSet, createSystem, createUser, ensurePreferences, findCombination, studySettings, uniqueName } from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/**
 * Build one prompt under AAA and one gold item. Kept crowdworker: P1 candidate, P2 tie. Excluded
 * crowdworker: P1 baseline. Simulated judge: P1 candidate. Gold item: one judgment, never exported.
 */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const keptCrowdworker = await createUser("CROWDWORKER");
  const excluded = await createUser("CROWDWORKER");
  const { promptSet, prompts } = await createPromptSet(2);
  const baseline = await createSystem(uniqueName("base, instruct"));
  const soup = await createSystem(uniqueName('p-soup "merged"'));
  const aaa = await findCombination("AAA");
  const promptIds = prompts.map((prompt) => prompt.id);
  await addResponses({ uploaderId: researcher.id, systemId: baseline.id, promptIds, combinationId: null });
  await addResponses({ uploaderId: researcher.id, systemId: soup.id, promptIds, combinationId: null });

  const study = await createStudy({
    actor: researcher,
    input: studySettings({ promptSetId: promptSet.id, baselineSystemId: baseline.id, candidateSystemIds: [soup.id], combinationIds: [aaa.id] }),
  });
  await openStudy({ actor: researcher, studyId: study.id });
  const [item, goldItem] = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { promptId: "asc" } });
  await db.studyItem.update({ where: { id: goldItem.id }, data: { kind: "GOLD" } });
  const sides = await db.side.findMany({ where: { key: { in: ["P1A", "P2A"] } } });
  const sideId = (key: string) => sides.find((side) => side.key === key)!.id;
  const judgeVersion = await createJudgeVersion(researcher.id);

  const human = (userId: string, sideKey: string, verdict: "CANDIDATE" | "TIE" | "BASELINE", studyItemId = item.id) =>
    db.judgment.create({ data: { studyItemId, criterionSideId: sideId(sideKey), verdict, shownFirst: "BASELINE", judgeType: "HUMAN", userId } });
  await human(keptCrowdworker.id, "P1A", "CANDIDATE");
  await human(keptCrowdworker.id, "P2A", "TIE");
  await human(excluded.id, "P1A", "BASELINE");
  await human(keptCrowdworker.id, "P1A", "CANDIDATE", goldItem.id);
  await db.judgment.create({
    data: { studyItemId: item.id, criterionSideId: sideId("P1A"), verdict: "CANDIDATE", shownFirst: "CANDIDATE", judgeType: "SIMULATED", judgeVersionId: judgeVersion.id },
  });
  await db.studyParticipation.create({ data: { studyId: study.id, userId: excluded.id } });
  await excludeCrowdworker({ actor: researcher, studyId: study.id, userId: excluded.id, reason: "Failed two attention checks" });

  return { researcher, keptCrowdworker, excluded, study, item, soup, baseline, judgeVersion, prompt: prompts.find((prompt) => prompt.id === item.promptId)! };
}

const exportDirectory = createTemporaryExportDirectory();
let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

async function runJudgmentExport(options: { format: "csv" | "jsonl"; judgeType?: "all" | "human" | "simulated"; excludedCrowdworkers?: "mark" | "omit" }) {
  const stored = await storeQueuedExport(fixture.researcher.id, {
    kind: "judgments",
    studyId: fixture.study.id,
    judgeType: "all",
    excludedCrowdworkers: "mark",
    ...options,
  });
  await runDataExport({ exportId: stored.id });
  return db.dataExport.findUniqueOrThrow({ where: { id: stored.id } });
}

describe("judgment export", () => {
  it("writes JSONL rows with provenance", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });
    const rows = await readJsonLines(path.join(exportDirectory, finished.id, "judgments.jsonl"));

    expect(finished.status).toBe("COMPLETE");
    expect(finished.rowsWritten).toBe(4);
    expect(finished.rowsTotal).toBe(4);
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0])).toEqual([...JUDGMENT_EXPORT_FIELDS]);

    const keptRow = rows.find((row) => row.crowdworker_pseudonym === fixture.keptCrowdworker.pseudonym && row.criterion_side_key === "P1A")!;
    expect(keptRow).toMatchObject({
      study_id: fixture.study.id,
      item_id: fixture.item.id,
      prompt: fixture.prompt.text,
      combination: "AAA",
      candidate_system: fixture.soup.name,
      baseline_system: fixture.baseline.name,
      shown_first: "BASELINE",
      verdict: "CANDIDATE",
      judge_type: "HUMAN",
      judge_name: null,
      excluded: false,
    });
    expect(keptRow.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const simulated = rows.find((row) => row.judge_type === "SIMULATED")!;
    expect(simulated.crowdworker_pseudonym).toBeNull();
    expect(simulated.judge_version_id).toBe(fixture.judgeVersion.id);
    expect(simulated.judge_version).toBe(1);
    expect(simulated.judge_model).toBe("judge-model-test");
  });

  it("marks judgments of excluded crowdworkers", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });
    const rows = await readJsonLines(path.join(exportDirectory, finished.id, "judgments.jsonl"));
    const excludedRows = rows.filter((row) => row.excluded === true);

    expect(excludedRows).toHaveLength(1);
    expect(excludedRows[0].crowdworker_pseudonym).toBe(fixture.excluded.pseudonym);
  });

  it("omits excluded crowdworkers and counts them", async () => {
    const finished = await runJudgmentExport({ format: "jsonl", excludedCrowdworkers: "omit" });
    const rows = await readJsonLines(path.join(exportDirectory, finished.id, "judgments.jsonl"));
    const manifest = await readManifest(exportDirectory, finished.id);

    expect(rows).toHaveLength(3);
    expect(rows.some((row) => row.crowdworker_pseudonym === fixture.excluded.pseudonym)).toBe(false);
    expect(manifest.counts).toMatchObject({ judgments: 3, excludedCrowdworkerJudgments: 1, omittedExcludedJudgments: 1 });
  });

  it("filters by judge type", async () => {
    const finished = await runJudgmentExport({ format: "jsonl", judgeType: "simulated" });
    const rows = await readJsonLines(path.join(exportDirectory, finished.id, "judgments.jsonl"));
    const manifest = await readManifest(exportDirectory, finished.id);

    expect(rows.map((row) => row.judge_type)).toEqual(["SIMULATED"]);
    expect(manifest.versions.judgeVersions.map((version) => version.id)).toEqual([fixture.judgeVersion.id]);
  });

  it("writes CSV with the same fields", async () => {
    const finished = await runJudgmentExport({ format: "csv" });
    const csv = await readFile(path.join(exportDirectory, finished.id, "judgments.csv"), "utf8");
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...JUDGMENT_EXPORT_FIELDS]);
    expect(parsed.data).toHaveLength(4);
    expect(parsed.data.find((row) => row.excluded === "true")?.crowdworker_pseudonym).toBe(fixture.excluded.pseudonym);
    expect(csv).toContain(`"${fixture.soup.name.replaceAll('"', '""')}"`);
    expect(csv).not.toContain(fixture.keptCrowdworker.participantId!);
  });

  it("records sha256, counts and versions in the manifest", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });
    const manifest = await readManifest(exportDirectory, finished.id);
    const data = await readFile(path.join(exportDirectory, finished.id, "judgments.jsonl"));
    const manifestText = await readFile(path.join(exportDirectory, finished.id, "manifest.json"));

    expect(manifest.files).toEqual([{ name: "judgments.jsonl", rows: 4, bytes: data.length, sha256: createHash("sha256").update(data).digest("hex") }]);
    expect(finished.sha256).toBe(createHash("sha256").update(manifestText).digest("hex"));
    expect(finished.filePath).toBe(finished.id);
    expect(manifest.parameters).toMatchObject({ kind: "judgments", studyId: fixture.study.id, excludedCrowdworkers: "mark" });
    expect(manifest.versions.app).toBe("0.1.0");
    expect(manifest.versions.schemaMigration).toMatch(/^\d{14}_/);
    expect(await listFolder(path.join(exportDirectory, finished.id))).toEqual(["judgments.jsonl", "manifest.json"]);
  });

  it("leaves no partial folder behind", async () => {
    await runJudgmentExport({ format: "csv" });

    expect((await listFolder(exportDirectory)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("does nothing for an export already complete", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });
    const before = await stat(path.join(exportDirectory, finished.id, "manifest.json"));

    await runDataExport({ exportId: finished.id });

    const after = await stat(path.join(exportDirectory, finished.id, "manifest.json"));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect((await db.dataExport.findUniqueOrThrow({ where: { id: finished.id } })).finishedAt).toEqual(finished.finishedAt);
  });
});

describe("openExportDownload", () => {
  it("serves listed files of a complete export", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });
    const download = await openExportDownload({ actor: fixture.researcher, exportId: finished.id, fileName: "judgments.jsonl" });

    expect(await new Response(download.body).text()).toBe(await readFile(path.join(exportDirectory, finished.id, "judgments.jsonl"), "utf8"));
  });

  it("rejects unlisted names and path traversal", async () => {
    const finished = await runJudgmentExport({ format: "jsonl" });

    for (const fileName of ["../../etc/passwd", "other.jsonl", "../manifest.json"]) {
      const error = await openExportDownload({ actor: fixture.researcher, exportId: finished.id, fileName }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
  });

  it("rejects exports that are not complete and crowdworkers", async () => {
    const queued = await storeQueuedExport(fixture.researcher.id, { kind: "judgments", format: "csv", studyId: fixture.study.id, judgeType: "all", excludedCrowdworkers: "mark" });

    const notReady = await openExportDownload({ actor: fixture.researcher, exportId: queued.id, fileName: "manifest.json" }).catch((caught: unknown) => caught);
    expect((notReady as AppError).code).toBe("CONFLICT");
    const forbidden = await openExportDownload({ actor: fixture.keptCrowdworker, exportId: queued.id, fileName: "manifest.json" }).catch((caught: unknown) => caught);
    expect((forbidden as AppError).code).toBe("FORBIDDEN");
  });
});

describe("createDataExport", () => {
  it("names invalid parameters", async () => {
    const error = (await createDataExport({
      actor: fixture.researcher,
      input: { kind: "judgments", format: "xml" as "csv", studyId: fixture.study.id },
    }).catch((caught: unknown) => caught)) as AppError;

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("format: must be csv or jsonl");
  });

  it("rejects an unknown study", async () => {
    const error = (await createDataExport({ actor: fixture.researcher, input: { kind: "judgments", format: "csv", studyId: "no-such-study" } }).catch(
      (caught: unknown) => caught,
    )) as AppError;

    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("no-such-study");
  });

  it("rejects crowdworkers", async () => {
    const error = (await createDataExport({ actor: fixture.keptCrowdworker, input: { kind: "judgments", format: "csv", studyId: fixture.study.id } }).catch(
      (caught: unknown) => caught,
    )) as AppError;

    expect(error.code).toBe("FORBIDDEN");
  });
});
