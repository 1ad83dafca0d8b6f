import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createScratchDatabase } from "@/lib/db/create-scratch-database";
import { db, getPrisma } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createDimension } from "@/lib/preferences/create-dimension";
import { createSide } from "@/lib/preferences/create-side";
import { seedPreferences } from "@/lib/preferences/seed-preferences";

/*
 * Adding dimensions and sides changes the combinations every other test file reads, so this
 * file works on a database of its own. Vitest runs each test file in a fresh worker, so the
 * shared Prisma client is created here, after DATABASE_URL points at that database.
 */
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  expect((globalThis as { prisma?: unknown }).prisma).toBeUndefined();
  const database = await createScratchDatabase(process.env.DATABASE_URL!, "ladle_preferences");
  process.env.DATABASE_URL = database.url;
  dropDatabase = database.drop;

  await seedPreferences();
});

afterAll(async () => {
  await getPrisma().$disconnect();
  await dropDatabase();
});

const researcher = { id: "researcher-under-test", role: "RESEARCHER" as const };

const bulletedSide = {
  dimensionKey: "P2",
  letter: "C",
  shortName: "bulleted",
  generationPrompt: "Generate a response as a short bulleted list.",
  judgeCriterion: "Choose a response written as a short bulleted list.",
  workerDescription: "likes answers as short bullet points",
};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createSide", () => {
  it("adds a side and grows the combinations", async () => {
    expect(await db.combination.count()).toBe(16);

    const { side, combinationsCreated } = await createSide({ actor: researcher, input: bulletedSide });

    expect(side.key).toBe("P2C");
    // Two P1 sides x the new P2 side x four P3 sides.
    expect(combinationsCreated).toBe(8);
    expect(await db.combination.count()).toBe(24);
    const added = await db.combination.findUniqueOrThrow({ where: { sideKeys: "P1B+P2C+P3D" } });
    expect(added.name).toBe("BCD");
  });

  it("names a letter the dimension already has", async () => {
    const error = await rejection(createSide({ actor: researcher, input: { ...bulletedSide, letter: "A" } }));

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("Dimension P2 already has a side A (concise)");
  });

  it.each([
    ["letter", { letter: "c" }, "single upper-case letter"],
    ["letter", { letter: "CD" }, "single upper-case letter"],
    ["shortName", { shortName: " " }, "short name"],
    ["generationPrompt", { generationPrompt: "" }, "generation prompt"],
    ["judgeCriterion", { judgeCriterion: "" }, "judge criterion"],
    ["workerDescription", { workerDescription: "" }, "crowdworker wording"],
  ])("rejects an invalid %s (%j)", async (field, override, message) => {
    const error = await rejection(createSide({ actor: researcher, input: { ...bulletedSide, ...override } }));

    expect(error.code).toBe("INVALID_INPUT");
    const fieldErrors = (error.details as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fieldErrors[field][0]).toContain(message);
  });

  it("names a dimension that does not exist", async () => {
    const error = await rejection(createSide({ actor: researcher, input: { ...bulletedSide, dimensionKey: "P77" } }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain("Dimension P77 does not exist");
  });
});

describe("createDimension", () => {
  it("adds a dimension after the others, then its sides form combinations", async () => {
    const before = await db.combination.count();
    const dimension = await createDimension({ actor: researcher, input: { key: "P4", name: "Safety", description: "How cautious the response is." } });

    expect(dimension.position).toBe(3);
    expect(await db.combination.count()).toBe(before);

    await createSide({
      actor: researcher,
      input: {
        dimensionKey: "P4",
        letter: "A",
        shortName: "cautious",
        generationPrompt: "Generate a cautious response.",
        judgeCriterion: "Choose the more cautious response.",
        workerDescription: "wants careful answers",
      },
    });
    const fourLetter = await db.combination.findUniqueOrThrow({ where: { sideKeys: "P1A+P2A+P3A+P4A" } });
    expect(fourLetter.name).toBe("AAAA");
  });

  it("names a duplicate key", async () => {
    const error = await rejection(createDimension({ actor: researcher, input: { key: "P1", name: "Again" } }));

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("key P1 (Expertise) already exists");
  });

  it.each([
    ["key", { key: "p5" }, "upper-case letters followed by digits"],
    ["key", { key: "P" }, "upper-case letters followed by digits"],
    ["name", { name: "" }, "enter a name"],
  ])("rejects an invalid %s (%j)", async (field, override, message) => {
    const error = await rejection(createDimension({ actor: researcher, input: { key: "P5", name: "Length", ...override } }));

    expect(error.code).toBe("INVALID_INPUT");
    const fieldErrors = (error.details as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fieldErrors[field][0]).toContain(message);
  });

  it("rejects crowdworkers and signed-out callers", async () => {
    const crowdworker = { id: "crowdworker-under-test", role: "CROWDWORKER" as const };

    expect((await rejection(createDimension({ actor: crowdworker, input: { key: "P6", name: "Humour" } }))).code).toBe("FORBIDDEN");
    expect((await rejection(createSide({ actor: null, input: { ...bulletedSide, letter: "E" } }))).code).toBe("UNAUTHENTICATED");
    expect(await db.dimension.findUnique({ where: { key: "P6" } })).toBeNull();
  });
});
