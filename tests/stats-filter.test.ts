import { describe, expect, it } from "vitest";

import { DEFAULT_STUDY_STATS_FILTER, parseStudyStatsFilter, toStudyStatsSearchParams } from "@/lib/stats/study-stats-filter";
import { parseIntegerList } from "@/lib/stats/parse-integer-list";

describe("parseStudyStatsFilter", () => {
  it("gives the defaults for no parameters", () => {
    expect(parseStudyStatsFilter(new URLSearchParams())).toEqual({ filter: DEFAULT_STUDY_STATS_FILTER, issues: [] });
  });

  it("reads every field", () => {
    const { filter, issues } = parseStudyStatsFilter(
      new URLSearchParams("judge=simulated&judgeVersion=v1&pool=prolific&from=2026-12-01T00:00:00Z&to=2026-12-02T09:00:00%2B09:00&excluded=keep"),
    );
    expect(issues).toEqual([]);
    expect(filter).toEqual({
      judgeKind: "simulated",
      judgeVersionId: "v1",
      pool: "prolific",
      from: new Date("2026-12-01T00:00:00Z"),
      to: new Date("2026-12-02T00:00:00Z"),
      excludedCrowdworkers: "keep",
    });
  });

  it("accepts Next.js search params objects", () => {
    const { filter } = parseStudyStatsFilter({ judge: ["human", "simulated"], pool: undefined });
    expect(filter.judgeKind).toBe("human");
    expect(filter.pool).toBe("all");
  });

  it("falls back per invalid value and names it", () => {
    const { filter, issues } = parseStudyStatsFilter(new URLSearchParams("judge=robots&pool=direct&from=yesterday"));
    expect(filter.judgeKind).toBe("all");
    expect(filter.pool).toBe("direct");
    expect(filter.from).toBeNull();
    expect(issues).toHaveLength(2);
    expect(issues[0]).toBe('Invalid judge="robots": use all, human or simulated.');
    expect(issues[1]).toMatch(/^Invalid from="yesterday": use an ISO 8601 instant with a time zone/);
  });

  it("rejects instants without a time zone", () => {
    const { filter, issues } = parseStudyStatsFilter(new URLSearchParams("to=2026-12-01T00:00:00"));
    expect(filter.to).toBeNull();
    expect(issues).toHaveLength(1);
  });

  it("drops a reversed date range", () => {
    const { filter, issues } = parseStudyStatsFilter(new URLSearchParams("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z"));
    expect(filter.from).toBeNull();
    expect(filter.to).toBeNull();
    expect(issues[0]).toMatch(/from \(2026-12-02T00:00:00.000Z\) must be earlier than to/);
  });
});

describe("toStudyStatsSearchParams", () => {
  it("round-trips a filter", () => {
    const filter = { ...DEFAULT_STUDY_STATS_FILTER, judgeKind: "human" as const, pool: "direct" as const, from: new Date("2026-12-01T00:00:00Z"), excludedCrowdworkers: "keep" as const };
    const params = toStudyStatsSearchParams(filter);
    expect(params.toString()).toBe("judge=human&pool=direct&from=2026-12-01T00%3A00%3A00.000Z&excluded=keep");
    expect(parseStudyStatsFilter(params).filter).toEqual(filter);
  });

  it("writes nothing for the defaults", () => {
    expect(toStudyStatsSearchParams(DEFAULT_STUDY_STATS_FILTER).toString()).toBe("");
  });
});

describe("parseIntegerList", () => {
  it("reads signed integers", () => {
    expect([...parseIntegerList("12,-3,0,7")]).toEqual([12, -3, 0, 7]);
  });

  it("reads an empty list", () => {
    expect(parseIntegerList("")).toHaveLength(0);
  });

  it("rejects other characters", () => {
    expect(() => parseIntegerList("1,2x")).toThrow(/found "x" at offset 3/);
  });
});
