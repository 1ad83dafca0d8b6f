import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { TooFewPromptsNote } from "@/components/dashboard/too-few-prompts-note";
import { WinRateBarsWidget } from "@/components/dashboard/win-rate-bars-widget";
import { WinRateSummary } from "@/components/studies/win-rate-summary";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";
import type { StudyWinRateTable } from "@/lib/stats/study-stats-types";

/** One candidate judged on one prompt under AAA only, so its overall mean covers one of two combinations and has no interval. */
const onePromptTable: StudyWinRateTable = {
  studyId: "study-1",
  baselineSystem: "vanilla",
  convention: "tiesAsHalf",
  candidateSystems: ["soup"],
  combinationNames: ["AAA", "AAB"],
  criterionKeys: ["P1"],
  judgeKinds: [
    {
      judgeKind: "HUMAN",
      promptCount: 1,
      n: 3,
      candidates: [
        {
          candidateSystem: "soup",
          combinations: [
            {
              combinationName: "AAA",
              cells: [{ criterionKey: "P1", winRate: 0, wins: 0, ties: 0, losses: 3, n: 3, interval: { lower: 0, upper: 0.56 } }],
              mean: { winRate: 0, cellsCovered: 1, cellsTotal: 1, n: 3, interval: null },
            },
            {
              combinationName: "AAB",
              cells: [{ criterionKey: "P1", winRate: null, wins: 0, ties: 0, losses: 0, n: 0, interval: null }],
              mean: { winRate: null, cellsCovered: 0, cellsTotal: 1, n: 0, interval: null },
            },
          ],
          overall: { winRate: 0, cellsCovered: 1, cellsTotal: 2, n: 3, interval: null },
        },
      ],
    },
  ],
  bootstrap: { rounds: 1000, seed: 1, confidence: 0.95 },
  filter: DEFAULT_STUDY_STATS_FILTER,
};

function text(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

describe("TooFewPromptsNote", () => {
  it("explains missing intervals for one prompt", () => {
    expect(text(renderToStaticMarkup(<TooFewPromptsNote promptCount={1} />))).toBe("No bootstrap intervals: the judgments cover 1 prompt, and resampling needs at least 2.");
  });

  it("stays empty without prompts or with enough", () => {
    expect(renderToStaticMarkup(<TooFewPromptsNote promptCount={0} />)).toBe("");
    expect(renderToStaticMarkup(<TooFewPromptsNote promptCount={2} />)).toBe("");
  });
});

describe("WinRateBarsWidget", () => {
  it("notes missing intervals and partial means", async () => {
    const html = text(renderToStaticMarkup(await WinRateBarsWidget({ table: Promise.resolve(onePromptTable) })));

    expect(html).toContain("Crowdworkers (3 judgments over 1 prompt)");
    expect(html).toContain("No bootstrap intervals: the judgments cover 1 prompt");
    expect(html).toContain("mean of 1 of 2 combinations");
  });
});

describe("WinRateSummary", () => {
  it("states each candidate's overall rate and coverage", () => {
    const html = renderToStaticMarkup(<WinRateSummary winRates={onePromptTable.judgeKinds[0]} baselineSystem="vanilla" />);

    expect(html).toMatch(/data-testid="overall-soup"[^>]*>0\.0%</);
    expect(text(html)).toContain("soup 0.0% 1 of 2 3");
    expect(text(html)).toContain("No bootstrap intervals: the judgments cover 1 prompt");
  });
});

