import type { JudgeAnswer, JudgeVerdictMode } from "@/lib/generated/prisma/enums";

export type ParsedVerdict = { ok: true; answer: JudgeAnswer } | { ok: false; reason: string };

const RESULT_LINE = /^(?:final\s+)?result\s*:\s*(.*)$/i;

/**
 * Read the verdict from a judge reply. Only the end of the reply counts: a JSON object (the
 * whole reply, or a fenced block that closes it) with a "result" field, or a last line
 * "Result: <answer>". Text earlier in the reply, including a quoted response that contains
 * "Output (b)", is ignored. A TIE in BINARY mode is rejected.
 */
export function parseJudgeVerdict(reply: string, verdictMode: JudgeVerdictMode): ParsedVerdict {
  const text = reply.trim();
  if (text === "") {
    return { ok: false, reason: "The reply is empty." };
  }

  const json = readTrailingJson(text);
  if (json === null) {
    return { ok: false, reason: "The fenced block at the end of the reply is not valid JSON." };
  }
  if (json !== undefined) {
    const result = typeof json === "object" && json !== null && "result" in json ? (json as { result: unknown }).result : undefined;
    if (typeof result !== "string") {
      return { ok: false, reason: 'The JSON reply has no string field "result".' };
    }
    return readAnswer(result, verdictMode);
  }

  const lastLine = text.split(/\r?\n/).at(-1)!.replace(/[*_`#]/g, "").trim();
  const match = RESULT_LINE.exec(lastLine);
  if (!match) {
    return { ok: false, reason: `The last line "${lastLine.slice(0, 80)}" is not a result line such as "Result: Output (a)".` };
  }
  return readAnswer(match[1], verdictMode);
}

/** Parse the reply as JSON when it is a JSON object or ends with a fenced block; undefined when it is neither. */
function readTrailingJson(text: string): unknown {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```$/i.exec(text);
  const candidate = fenced ? fenced[1].trim() : text;
  if (!candidate.startsWith("{")) {
    return undefined;
  }

  try {
    return JSON.parse(candidate);
  } catch {
    return fenced ? null : undefined;
  }
}

function readAnswer(value: string, verdictMode: JudgeVerdictMode): ParsedVerdict {
  const answer = value.trim().replace(/[."']+$/g, "").replace(/^["']+/, "").trim().toLowerCase();

  let parsed: JudgeAnswer | null = null;
  if (/^(?:output\s*)?\(?a\)?$/.test(answer)) {
    parsed = "OUTPUT_A";
  } else if (/^(?:output\s*)?\(?b\)?$/.test(answer)) {
    parsed = "OUTPUT_B";
  } else if (answer === "tie") {
    parsed = "TIE";
  }

  if (parsed === null) {
    return { ok: false, reason: `The result "${value.slice(0, 80)}" is not one of Output (a), TIE or Output (b).` };
  }
  if (parsed === "TIE" && verdictMode === "BINARY") {
    return { ok: false, reason: "The result is TIE, but this judge gives binary verdicts (Output (a) or Output (b))." };
  }
  return { ok: true, answer: parsed };
}
