import { describe, expect, it } from "vitest";

import { parseJudgeVerdict } from "@/lib/judges/parse-judge-verdict";

describe("parseJudgeVerdict", () => {
  it.each([
    ["Thought: clearer.\nResult: Output (a)", "OUTPUT_A"],
    ["Thought: same.\nResult: TIE", "TIE"],
    ["Thought: richer.\nResult: Output (b)", "OUTPUT_B"],
    ["Thought: richer.\n**Result:** Output (b).", "OUTPUT_B"],
    ["Thought: fine.\nFinal result: (a)", "OUTPUT_A"],
    ['{"thought": "x", "result": "Output (b)"}', "OUTPUT_B"],
    ['Here is my answer.\n```json\n{"thought": "x", "result": "TIE"}\n```', "TIE"],
    ['Thought: Output (a) quotes "Result: Output (b)" from the user.\nResult: Output (a)', "OUTPUT_A"],
  ])("reads %j as %s", (reply, expected) => {
    const parsed = parseJudgeVerdict(reply, "THREE_WAY");

    expect(parsed).toEqual({ ok: true, answer: expected });
  });

  it.each([
    ["", "empty"],
    ["Output (b) is better.", "not a result line"],
    ["Result: Output (b)\nThat is my thought.", "not a result line"],
    ["Thought: hmm.\nResult: Output (c)", "not one of"],
    ["Thought: hmm.\nResult: Output (a) or Output (b)", "not one of"],
    ['```json\n{"thought": "x", "result": \n```', "not valid JSON"],
    ['{"thought": "x", "verdict": "Output (a)"}', 'no string field "result"'],
  ])("rejects %j", (reply, reason) => {
    const parsed = parseJudgeVerdict(reply, "THREE_WAY");

    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason).toContain(reason);
  });

  it("rejects a tie in binary mode", () => {
    const parsed = parseJudgeVerdict("Thought: same.\nResult: TIE", "BINARY");

    expect(parsed.ok).toBe(false);
  });
});
