import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { getJobBoss } from "@/lib/jobs/get-job-boss";
import { executeJudgeRun } from "@/lib/judges/execute-judge-run";
import { previewJudgeRun } from "@/lib/judges/preview-judge-run";
import { startJudgeRun } from "@/lib/judges/start-judge-run";
import { importLabelingSet } from "@/lib/labeling/import-labeling-set";
import { ensurePreferences } from "@/tests/assignment-fixtures";
import { createAdmin, createTestJudge, shownOutputs } from "@/tests/judges-fixtures";
import { startMockOpenAiServer, type MockOpenAiServer } from "@/tests/support/mock-openai-server";

const CONCISE = "Generate a response that is concise and to the point, without being verbose.";

let server: MockOpenAiServer;
let admin: Awaited<ReturnType<typeof createAdmin>>;

beforeAll(async () => {
  await ensurePreferences();
  server = await startMockOpenAiServer(() => ({ content: "Result: Output (a)" }));
  admin = await createAdmin();
});

afterAll(async () => {
  await server.close();
  await (await getJobBoss()).stop({ graceful: false });
});

async function importSet(rows: object[]) {
  const content = rows.map((row) => JSON.stringify(row)).join("\n");
  const report = await importLabelingSet({ actor: admin, fileName: "set.jsonl", content, name: `set-${randomUUID().slice(0, 8)}` });
  return report.labelingSetId!;
}

describe("judge run over a labelling set", () => {
  it("labels pairs in both orders and marks disagreement inconsistent", async () => {
    const labelingSetId = await importSet([
      { instruction: "Explain tides.", input: "", preference_prompt: CONCISE, output_1: "short tides", output_2: "long tides explanation" },
      { instruction: "Explain rain.", input: "", preference_prompt: CONCISE, output_1: "short rain", output_2: "long rain explanation" },
    ]);
    const version = await createTestJudge(admin, server.baseUrl, { orderMode: "BOTH_ORDERS", verdictMode: "BINARY" });
    // Pair 1: always the shorter output, so both orders agree. Pair 2: always the first shown, so they disagree.
    server.setReplier((request) => {
      const { outputA } = shownOutputs(request);
      const pickShort = request.item.includes("tides");
      return { content: `Thought: x.\nResult: ${!pickShort || outputA.startsWith("short") ? "Output (a)" : "Output (b)"}` };
    });

    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId }, budgetUsd: null });
    await executeJudgeRun({ runId });

    const run = await db.judgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("COMPLETE");
    const verdicts = await db.labelingVerdict.findMany({ where: { judgeVersionId: version.id }, include: { pair: true }, orderBy: { pair: { position: "asc" } } });
    expect(verdicts.map((verdict) => verdict.outcome)).toEqual(["FIRST", "INCONSISTENT"]);
    expect(await db.judgeCall.count({ where: { runId, status: "SUCCEEDED" } })).toBe(4);
  });

  it("uses the chosen criterion for pairs without a side", async () => {
    const labelingSetId = await importSet([{ instruction: "Name a prime.", input: "", output_1: "7", output_2: "Seven" }]);
    const version = await createTestJudge(admin, server.baseUrl);
    const side = await db.side.findUniqueOrThrow({ where: { key: "P2B" } });
    server.setReplier(() => ({ content: "Result: Output (b)" }));

    const withoutSide = startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId }, budgetUsd: null });
    await expect(withoutSide).rejects.toThrow(/Choose a criterion side/);

    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId, criterionSideId: side.id }, budgetUsd: null });
    await executeJudgeRun({ runId });

    expect(server.requests.at(-1)!.item).toContain(side.judgeCriterion);
    const verdict = await db.labelingVerdict.findFirstOrThrow({ where: { judgeVersionId: version.id } });
    const call = await db.judgeCall.findFirstOrThrow({ where: { runId } });
    expect(verdict.outcome).toBe(call.swapped ? "FIRST" : "SECOND");
  });

  it("skips neutral rollouts", async () => {
    const labelingSetId = await importSet([
      { instruction: "Explain tides.", input: "", preference_prompt: CONCISE, output_1: "short tides", output_2: "long tides explanation" },
      { instruction: "Explain tides.", input: "", preference_prompt: "", output_1: "neutral tides", output_2: "more neutral tides" },
      { instruction: "Explain rain.", input: "", preference_prompt: "  ", output_1: "neutral rain", output_2: "more neutral rain" },
    ]);
    const version = await createTestJudge(admin, server.baseUrl, { orderMode: "BOTH_ORDERS" });
    server.setReplier(() => ({ content: "Result: Output (a)" }));
    const requestsBefore = server.requests.length;

    const preview = await previewJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId } });
    expect(preview.itemCount).toBe(3);
    expect(preview.neutralPairsSkipped).toBe(2);
    expect(preview.callsTotal).toBe(2);

    const { runId } = await startJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId }, budgetUsd: null });
    await executeJudgeRun({ runId });

    const run = await db.judgeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("COMPLETE");
    const requests = server.requests.slice(requestsBefore);
    expect(requests).toHaveLength(2);
    expect(requests.some((request) => request.item.includes("neutral"))).toBe(false);
    const verdicts = await db.labelingVerdict.findMany({ where: { judgeVersionId: version.id }, include: { pair: true } });
    expect(verdicts.map((verdict) => verdict.pair.position)).toEqual([1]);
  });

  it("requires a side for unmatched rollouts", async () => {
    const labelingSetId = await importSet([
      { instruction: "Explain tides.", input: "", preference_prompt: "", output_1: "neutral tides", output_2: "more neutral tides" },
      { instruction: "Explain rain.", input: "", preference_prompt: "Answer like a pirate.", output_1: "Arr, clouds.", output_2: "Water falls." },
    ]);
    const version = await createTestJudge(admin, server.baseUrl);

    const preview = previewJudgeRun({ actor: admin, judgeVersionId: version.id, target: { labelingSetId } });

    await expect(preview).rejects.toThrow(/Pair 2 of .* has no preference side .* Choose a criterion side/);
  });
});
