import { describe, expect, it } from "vitest";

import { formatCount, formatRateInterval, formatWinRate } from "@/components/dashboard/format-statistics";

describe("formatWinRate", () => {
  it("shows one decimal", () => {
    expect(formatWinRate(0.625)).toBe("62.5%");
    expect(formatWinRate(7 / 12)).toBe("58.3%");
    expect(formatWinRate(1)).toBe("100.0%");
  });

  it("shows no data for null", () => {
    expect(formatWinRate(null)).toBe("no data");
  });
});

describe("formatRateInterval", () => {
  it("writes both ends as percentages", () => {
    expect(formatRateInterval({ lower: 0.401, upper: 0.8024 })).toBe("40.1–80.2%");
  });

  it("writes nothing without an interval", () => {
    expect(formatRateInterval(null)).toBe("");
  });
});

describe("formatCount", () => {
  it("uses the singular for one only", () => {
    expect(formatCount(1, "prompt", "prompts")).toBe("1 prompt");
    expect(formatCount(0, "prompt", "prompts")).toBe("0 prompts");
    expect(formatCount(3, "prompt", "prompts")).toBe("3 prompts");
  });
});
