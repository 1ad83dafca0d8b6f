import { describe, expect, it } from "vitest";

import { describeCriterion, describePersona } from "@/lib/assignment/describe-preferences";
import { DEFAULT_DIMENSIONS } from "@/lib/preferences/default-preferences";

const [expertise, informativeness, style] = DEFAULT_DIMENSIONS;

describe("describePersona", () => {
  it("joins three descriptions with semicolons", () => {
    const persona = describePersona([
      expertise.sides[0].workerDescription,
      informativeness.sides[0].workerDescription,
      style.sides[0].workerDescription,
    ]);

    expect(persona).toBe(
      "This user wants answers that a ten-year-old could follow: simple words, no jargon; " +
        "wants short answers that get to the point; and likes a friendly, witty and funny tone, like a close friend.",
    );
  });

  it("joins two descriptions with and", () => {
    expect(describePersona(["wants short answers", "enjoys a sassy tone"])).toBe("This user wants short answers and enjoys a sassy tone.");
  });

  it("describes one preference", () => {
    expect(describePersona(["enjoys a sassy tone"])).toBe("This user enjoys a sassy tone.");
  });
});

describe("describeCriterion", () => {
  it("asks which response suits the preference", () => {
    expect(describeCriterion("Style", "enjoys a sassy tone")).toBe("Style: which response is better for a user who enjoys a sassy tone?");
  });
});
