import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { closeStudy } from "@/lib/studies/close-study";
import { createStudy } from "@/lib/studies/create-study";
import { openStudy } from "@/lib/studies/open-study";
import { previewStudyItems } from "@/lib/studies/preview-study-items";

import {
  addResponses,
  createPromptSet,
  createSystem,
  createUser,
  ensurePreferences,
  findCombination,
  studySettings,
} from "./studies-fixtures";

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/**
 * Four prompts, combinations AAA, AAB and ABA. The baseline answers prompts 1-3 without a
 * combination. Candidate "soup" answers prompt 1 for AAA, AAB and without a combination,
 * prompt 2 for AAA and AAB only, prompt 3 and 4 without a combination. Candidate "rlhf"
 * answers prompt 1 without a combination.
 */
async function buildFixture() {
  await ensurePreferences();
  const researcher = await createUser("RESEARCHER");
  const { promptSet, prompts } = await createPromptSet(4);
  const [baseline, soup, rlhf] = await Promise.all([createSystem(), createSystem(), createSystem()]);
  const [aaa, aab, aba] = await Promise.all(["AAA", "AAB", "ABA"].map(findCombination));
  const promptIds = prompts.map((prompt) => prompt.id);

  await addResponses({ uploaderId: researcher.id, systemId: baseline.id, promptIds: promptIds.slice(0, 3), combinationId: null });
  const [soupAaaPrompt1] = await addResponses({ uploaderId: researcher.id, systemId: soup.id, promptIds: promptIds.slice(0, 2), combinationId: aaa.id });
  await addResponses({ uploaderId: researcher.id, systemId: soup.id, promptIds: promptIds.slice(0, 2), combinationId: aab.id });
  const [soupPlainPrompt1] = await addResponses({ uploaderId: researcher.id, systemId: soup.id, promptIds: [promptIds[0], promptIds[2], promptIds[3]], combinationId: null });
  await addResponses({ uploaderId: researcher.id, systemId: rlhf.id, promptIds: [promptIds[0]], combinationId: null });

  const settings = studySettings({
    promptSetId: promptSet.id,
    baselineSystemId: baseline.id,
    candidateSystemIds: [soup.id, rlhf.id],
    combinationIds: [aaa.id, aab.id, aba.id],
  });
  return { researcher, promptSet, prompts, baseline, soup, rlhf, aaa, aab, aba, soupAaaPrompt1, soupPlainPrompt1, settings };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function fieldErrors(error: AppError): Record<string, string[]> {
  return (error.details as { fieldErrors: Record<string, string[]> }).fieldErrors;
}

let fixture: Fixture;

beforeAll(async () => {
  fixture = await buildFixture();
});

describe("createStudy", () => {
  it("creates a draft with every criterion of its combinations", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: fixture.settings });

    expect(study.status).toBe("DRAFT");
    expect(study.criterionDimensionKeys).toEqual(["P1", "P2", "P3"]);
    expect(study.leaseMinutes).toBe(30);
    expect(study.createdById).toBe(fixture.researcher.id);
    expect(study.completionUrl).toBe(fixture.settings.completionUrl);
    expect(await db.studyCandidate.count({ where: { studyId: study.id } })).toBe(2);
    expect(await db.studyCombination.count({ where: { studyId: study.id } })).toBe(3);
  });

  it("keeps chosen criteria in dimension order", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: { ...fixture.settings, criterionDimensionKeys: ["P3", "P1"] } });
    expect(study.criterionDimensionKeys).toEqual(["P1", "P3"]);
  });

  it("rejects the baseline among the candidates", async () => {
    const input = { ...fixture.settings, candidateSystemIds: [fixture.soup.id, fixture.baseline.id] };
    const error = await rejection(createStudy({ actor: fixture.researcher, input }));

    expect(error.code).toBe("INVALID_INPUT");
    expect(fieldErrors(error).candidateSystemIds[0]).toContain("baseline system cannot also be a candidate");
  });

  it.each([
    ["judgmentsPerItem", { judgmentsPerItem: 0 }, "at least 1"],
    ["judgmentsPerItem", { judgmentsPerItem: 101 }, "at most 100"],
    ["itemsPerWorker", { itemsPerWorker: 1001 }, "at most 1000"],
    ["candidateSystemIds", { candidateSystemIds: [] }, "at least one candidate"],
    ["combinationIds", { combinationIds: [] }, "at least one combination"],
    ["completionCode", { completionCode: "" }, "letters, digits"],
    ["completionCode", { completionCode: "has space" }, "letters, digits"],
    ["completionUrl", { completionUrl: "http://app.prolific.com/submissions/complete?cc=X" }, "https URL"],
    ["instructions", { instructions: "  " }, "instructions"],
    ["name", { name: "" }, "study name"],
  ])("rejects an invalid %s (%j)", async (field, override, message) => {
    const error = await rejection(createStudy({ actor: fixture.researcher, input: { ...fixture.settings, ...override } }));

    expect(error.code).toBe("INVALID_INPUT");
    expect(fieldErrors(error)[field][0]).toContain(message);
  });

  it("accepts a study without a completion URL", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: { ...fixture.settings, completionUrl: "" } });
    expect(study.completionUrl).toBeNull();
  });

  it("names a prompt set that does not exist", async () => {
    const error = await rejection(createStudy({ actor: fixture.researcher, input: { ...fixture.settings, promptSetId: "missing-set" } }));
    expect(fieldErrors(error).promptSetId[0]).toContain("prompt set missing-set does not exist");
  });

  it("names a criterion outside the combinations", async () => {
    const error = await rejection(createStudy({ actor: fixture.researcher, input: { ...fixture.settings, criterionDimensionKeys: ["P1", "P9"] } }));
    expect(fieldErrors(error).criterionDimensionKeys[0]).toContain("dimensions P9 are not part of the chosen combinations");
  });
});

describe("openStudy", () => {
  it("pairs responses per prompt, combination and candidate", async () => {
    const draft = await createStudy({ actor: fixture.researcher, input: fixture.settings });
    const result = await openStudy({ actor: fixture.researcher, studyId: draft.id });

    // soup gets 8 items: prompt 1 under all 3 combinations (ABA falls back to the plain response),
    // prompt 2 under AAA and AAB, prompt 3 under all 3. Prompt 4 has no baseline response.
    // rlhf gets 3 items: prompt 1 under all 3 combinations.
    expect(result.createdItems).toBe(11);
    expect(result.itemCount).toBe(11);
    expect(result.study.status).toBe("OPEN");
    expect(result.study.openedAt).toBeInstanceOf(Date);

    const items = await db.studyItem.findMany({ where: { studyId: draft.id }, include: { candidateResponse: true } });
    const soupItems = items.filter((item) => item.candidateResponse.systemId === fixture.soup.id);
    expect(soupItems).toHaveLength(8);
    expect(items.filter((item) => item.candidateResponse.systemId === fixture.rlhf.id)).toHaveLength(3);
    expect(items.some((item) => item.promptId === fixture.prompts[3].id)).toBe(false);

    const prompt1 = (combinationId: string) =>
      soupItems.find((item) => item.promptId === fixture.prompts[0].id && item.combinationId === combinationId);
    expect(prompt1(fixture.aaa.id)?.candidateResponseId).toBe(fixture.soupAaaPrompt1.id);
    expect(prompt1(fixture.aba.id)?.candidateResponseId).toBe(fixture.soupPlainPrompt1.id);
    expect(soupItems.some((item) => item.promptId === fixture.prompts[1].id && item.combinationId === fixture.aba.id)).toBe(false);
  });

  it("matches the preview counts", async () => {
    const preview = await previewStudyItems({ actor: fixture.researcher, ...fixture.settings });

    expect(preview.promptCount).toBe(4);
    expect(preview.totalItems).toBe(11);
    expect(preview.candidates.map((candidate) => [candidate.systemName, candidate.itemCount])).toEqual([
      [fixture.soup.name, 8],
      [fixture.rlhf.name, 3],
    ]);
  });

  it("closes, reopens and keeps its items", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: fixture.settings });
    const opened = await openStudy({ actor: fixture.researcher, studyId: study.id });

    const again = await openStudy({ actor: fixture.researcher, studyId: study.id });
    expect(again.createdItems).toBe(0);

    const closed = await closeStudy({ actor: fixture.researcher, studyId: study.id });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).toBeInstanceOf(Date);

    const reopened = await openStudy({ actor: fixture.researcher, studyId: study.id });
    expect(reopened.study.status).toBe("OPEN");
    expect(reopened.study.closedAt).toBeNull();
    expect(reopened.study.openedAt).toEqual(opened.study.openedAt);
    expect(reopened.createdItems).toBe(0);
    expect(reopened.itemCount).toBe(11);
  });

  it("rejects closing a draft", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: fixture.settings });
    const error = await rejection(closeStudy({ actor: fixture.researcher, studyId: study.id }));
    expect(error.code).toBe("STUDY_NOT_OPEN");
  });

  it("names the missing pair when no item can be formed", async () => {
    const loner = await createSystem();
    const study = await createStudy({ actor: fixture.researcher, input: { ...fixture.settings, candidateSystemIds: [loner.id] } });

    const error = await rejection(openStudy({ actor: fixture.researcher, studyId: study.id }));

    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain(`no prompt in ${fixture.promptSet.name} has responses from both baseline ${fixture.baseline.name} and candidate ${loner.name}`);
    expect((await db.study.findUniqueOrThrow({ where: { id: study.id } })).status).toBe("DRAFT");
    expect(await db.studyItem.count({ where: { studyId: study.id } })).toBe(0);
  });

  it("names an empty prompt set", async () => {
    const { promptSet } = await createPromptSet(0);
    const study = await createStudy({ actor: fixture.researcher, input: { ...fixture.settings, promptSetId: promptSet.id } });

    const error = await rejection(openStudy({ actor: fixture.researcher, studyId: study.id }));
    expect(error.message).toContain(`prompt set ${promptSet.name} has no prompts`);
  });

  it("reports a study that does not exist", async () => {
    const error = await rejection(openStudy({ actor: fixture.researcher, studyId: "no-such-study" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("study roles", () => {
  it("rejects a crowdworker creating a study", async () => {
    const crowdworker = await createUser("CROWDWORKER");
    const error = await rejection(createStudy({ actor: crowdworker, input: fixture.settings }));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("rejects a signed-out caller creating a study", async () => {
    const error = await rejection(createStudy({ actor: null, input: fixture.settings }));
    expect(error.code).toBe("UNAUTHENTICATED");
  });

  it("rejects a crowdworker or signed-out caller opening and closing", async () => {
    const study = await createStudy({ actor: fixture.researcher, input: fixture.settings });
    const crowdworker = await createUser("CROWDWORKER");

    expect((await rejection(openStudy({ actor: crowdworker, studyId: study.id }))).code).toBe("FORBIDDEN");
    expect((await rejection(openStudy({ actor: null, studyId: study.id }))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(previewStudyItems({ actor: crowdworker, ...fixture.settings }))).code).toBe("FORBIDDEN");

    await openStudy({ actor: fixture.researcher, studyId: study.id });
    expect((await rejection(closeStudy({ actor: crowdworker, studyId: study.id }))).code).toBe("FORBIDDEN");
    expect((await db.study.findUniqueOrThrow({ where: { id: study.id } })).status).toBe("OPEN");
  });

  it("lets an admin create and open a study", async () => {
    const admin = await createUser("ADMIN");
    const study = await createStudy({ actor: admin, input: fixture.settings });
    const opened = await openStudy({ actor: admin, studyId: study.id });
    expect(opened.study.status).toBe("OPEN");
  });
});
