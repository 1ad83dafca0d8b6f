import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { WinRateHeatmap } from "@/components/dashboard/win-rate-heatmap";
import type { CandidateWinRateRow } from "@/lib/stats/study-stats-types";

const candidate: CandidateWinRateRow = {
  candidateSystem: "soup",
  combinations: [
    {
      combinationName: "AAA",
      cells: [
        { criterionKey: "P1", winRate: 0.625, wins: 2, ties: 1, losses: 1, n: 4, interval: { lower: 0.3, upper: 0.9 } },
        { criterionKey: "P2", winRate: null, wins: 0, ties: 0, losses: 0, n: 0, interval: null },
      ],
      mean: { winRate: 0.625, cellsCovered: 1, cellsTotal: 2, n: 4, interval: { lower: 0.4, upper: 0.8 } },
    },
  ],
  overall: { winRate: 0.625, cellsCovered: 1, cellsTotal: 1, n: 4, interval: { lower: 0.4, upper: 0.8 } },
};

function render(): string {
  return renderToStaticMarkup(
    <WinRateHeatmap judgeKind="HUMAN" candidate={candidate} baselineSystem="vanilla" criterionKeys={["P1", "P2"]} criterionNames={{ P1: "Expertise" }} />,
  );
}

function cellHtml(html: string, testId: string): string {
  const match = html.match(new RegExp(`<td[^>]*data-testid="${testId}"[^>]*>(.*?)</td>`));
  expect(match, `no cell with data-testid ${testId}`).not.toBeNull();
  return match![0];
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

describe("WinRateHeatmap", () => {
  const html = render();

  it("shows a cell's rate and n", () => {
    expect(text(cellHtml(html, "heatmap-HUMAN-soup-AAA-P1"))).toBe("62.5% n = 4");
  });

  it("gives the Wilson interval and counts in the title", () => {
    expect(cellHtml(html, "heatmap-HUMAN-soup-AAA-P1")).toContain('title="62.5%, Wilson 95% interval 30.0–90.0%; 2 wins, 1 ties, 1 losses"');
  });

  it("shows no data rather than an even split", () => {
    const empty = cellHtml(html, "heatmap-HUMAN-soup-AAA-P2");

    expect(text(empty)).toBe("no data n = 0");
    expect(empty).not.toContain("50");
    expect(empty).toContain("repeating-linear-gradient");
  });

  it("colours a winning cell blue", () => {
    expect(cellHtml(html, "heatmap-HUMAN-soup-AAA-P1")).toMatch(/background-color:hsl\(221 /);
  });

  it("names the overall rate and its interval in the caption", () => {
    expect(text(html)).toContain("Crowdworkers: win rate of soup against vanilla, overall 62.5% (95% interval 40.0–80.0%)");
  });

  it("labels criteria with their names", () => {
    expect(text(html)).toContain("P1 Expertise");
  });
});
