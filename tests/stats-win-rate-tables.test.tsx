import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { WinRateTables, formatWinRate } from "@/components/studies/win-rate-tables";
import { computeWinRates, type VerdictRow } from "@/lib/stats/compute-win-rates";

function render(rows: VerdictRow[]): string {
  const report = computeWinRates({ rows, candidateSystems: ["soup"], combinationNames: ["AAA", "AAB"], criterionKeys: ["P1", "P2"] });
  return renderToStaticMarkup(
    <WinRateTables report={{ ...report, studyId: "study-1", baselineSystem: "vanilla", judgeType: "HUMAN" }} criterionNames={{ P1: "Expertise" }} />,
  );
}

function cellText(html: string, testId: string): string {
  const match = html.match(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</(td|p)>`));
  expect(match, `no element with data-testid ${testId}`).not.toBeNull();
  return match![1].replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

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

describe("WinRateTables", () => {
  const rows: VerdictRow[] = [
    { candidateSystem: "soup", combinationName: "AAA", criterionKey: "P1", verdict: "CANDIDATE" },
    { candidateSystem: "soup", combinationName: "AAA", criterionKey: "P1", verdict: "TIE" },
    { candidateSystem: "soup", combinationName: "AAA", criterionKey: "P2", verdict: "BASELINE" },
  ];

  it("labels cells with percentages and counts", () => {
    const html = render(rows);

    expect(cellText(html, "win-rate-soup-AAA-P1")).toBe("75.0% n = 2");
    expect(cellText(html, "win-rate-soup-AAA-P2")).toBe("0.0% n = 1");
    expect(cellText(html, "win-rate-soup-AAA-mean")).toBe("37.5% n = 3");
  });

  it("shows no data rather than 50% for empty cells", () => {
    const html = render(rows);

    expect(cellText(html, "win-rate-soup-AAB-P1")).toBe("no data n = 0");
    expect(cellText(html, "win-rate-soup-AAB-mean")).toBe("no data n = 0");
  });

  it("states the headline against the baseline", () => {
    const html = render(rows);

    expect(cellText(html, "overall-soup")).toBe("Overall win rate vs vanilla: 37.5%");
    expect(html).toContain("<caption");
    expect(html).toContain("Win rate of soup against vanilla");
  });
});
