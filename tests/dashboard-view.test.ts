import { describe, expect, it } from "vitest";

import { parseDashboardView, toDashboardSearchParams } from "@/lib/dashboard/dashboard-view";
import { nameDashboardExportFile } from "@/lib/dashboard/name-dashboard-export-file";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";

describe("parseDashboardView", () => {
  it("uses the defaults for an empty query", () => {
    const { view, issues } = parseDashboardView(new URLSearchParams());

    expect(view).toEqual({ filter: DEFAULT_STUDY_STATS_FILTER, convention: "tiesAsHalf", rounds: 1000 });
    expect(issues).toEqual([]);
  });

  it("reads the filter and the tie convention", () => {
    const { view, issues } = parseDashboardView({ judge: "human", pool: "prolific", from: "2026-12-01T00:00:00+01:00", ties: "strict" });

    expect(issues).toEqual([]);
    expect(view.convention).toBe("strict");
    expect(view.filter.judgeKind).toBe("human");
    expect(view.filter.pool).toBe("prolific");
    expect(view.filter.from?.toISOString()).toBe("2026-11-30T23:00:00.000Z");
  });

  it("names an invalid tie convention and falls back", () => {
    const { view, issues } = parseDashboardView(new URLSearchParams("ties=half"));

    expect(view.convention).toBe("tiesAsHalf");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe('Invalid ties="half": use tiesAsHalf, tiesExcluded or strict.');
  });

  it.each(["0", "2.5", "many", "10001"])("rejects rounds=%s", (rounds) => {
    const { view, issues } = parseDashboardView(new URLSearchParams({ rounds }));

    expect(view.rounds).toBe(1000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toBe(`Invalid rounds="${rounds}": use a whole number of bootstrap rounds from 1 to 10000.`);
  });

  it("reads bootstrap rounds", () => {
    expect(parseDashboardView(new URLSearchParams("rounds=250")).view.rounds).toBe(250);
  });
});

describe("toDashboardSearchParams", () => {
  it("round-trips a view through the URL", () => {
    const { view } = parseDashboardView({ judge: "simulated", excluded: "keep", to: "2026-12-03T00:00:00Z", ties: "tiesExcluded", rounds: "200" });
    const query = toDashboardSearchParams(view).toString();

    expect(parseDashboardView(new URLSearchParams(query)).view).toEqual(view);
  });

  it("leaves defaults out of the URL", () => {
    expect(toDashboardSearchParams({ filter: DEFAULT_STUDY_STATS_FILTER, convention: "tiesAsHalf", rounds: 1000 }).toString()).toBe("");
  });
});

describe("nameDashboardExportFile", () => {
  it("names the default view by study alone", () => {
    const view = { filter: DEFAULT_STUDY_STATS_FILTER, convention: "tiesAsHalf" as const, rounds: 1000 };

    expect(nameDashboardExportFile({ table: "win-rates", studyId: "study1", view, format: "csv" })).toBe("win-rates-study1.csv");
  });

  it("adds each setting that differs", () => {
    const { view } = parseDashboardView({ pool: "prolific", to: "2026-12-03T10:30:00Z", ties: "strict" });

    expect(nameDashboardExportFile({ table: "ratings", studyId: "study1", view, format: "json" })).toBe("ratings-study1-pool-prolific-to-2026-12-03T103000.000Z-ties-strict.json");
  });
});

