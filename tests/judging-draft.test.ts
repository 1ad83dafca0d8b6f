import { describe, expect, it } from "vitest";

import { formatElapsed } from "@/components/judging/item-timer";
import {
  buildEntryPath,
  clearDraft,
  clearEntryPath,
  draftKey,
  entryUrlKey,
  readDraft,
  readEntryPath,
  saveEntryPath,
  writeDraft,
  type DraftStorage,
  type JudgingDraft,
} from "@/components/judging/judging-draft";

/** In-memory stand-in for the browser's localStorage. */
function memoryStorage(): DraftStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => {
      entries.set(key, value);
    },
    removeItem: (key) => {
      entries.delete(key);
    },
  };
}

/** localStorage as browsers expose it when the user blocked storage for the site. */
const blockedStorage: DraftStorage = {
  getItem: () => {
    throw new DOMException("The operation is insecure.", "SecurityError");
  },
  setItem: () => {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  },
  removeItem: () => {
    throw new DOMException("The operation is insecure.", "SecurityError");
  },
};

const DRAFT: JudgingDraft = {
  requestId: "3f1c2a4e-8b7d-4c6e-9a5f-0d1e2f3a4b5c",
  startedAt: 1_700_000_000_000,
  choices: { sideP1: "A", sideP2: "TIE" },
};

describe("draft storage", () => {
  it("reads back what it wrote", () => {
    const storage = memoryStorage();

    expect(writeDraft(storage, "assignment-1", DRAFT)).toBe(true);

    expect(readDraft(storage, "assignment-1", ["sideP1", "sideP2", "sideP3"])).toEqual(DRAFT);
  });

  it("keeps drafts apart per assignment", () => {
    const storage = memoryStorage();
    writeDraft(storage, "assignment-1", DRAFT);

    expect(readDraft(storage, "assignment-2", ["sideP1"])).toBeNull();
    expect(draftKey("assignment-1")).not.toBe(draftKey("assignment-2"));
  });

  it("drops choices for criteria the item lacks", () => {
    const storage = memoryStorage();
    writeDraft(storage, "assignment-1", DRAFT);

    expect(readDraft(storage, "assignment-1", ["sideP2"])?.choices).toEqual({ sideP2: "TIE" });
  });

  it("returns null for a malformed draft", () => {
    const storage = memoryStorage();
    const malformed = ["not json", "null", "[]", JSON.stringify({ ...DRAFT, requestId: "nope" }), JSON.stringify({ ...DRAFT, choices: { sideP1: "C" } })];

    for (const value of malformed) {
      storage.setItem(draftKey("assignment-1"), value);
      expect(readDraft(storage, "assignment-1", ["sideP1"])).toBeNull();
    }
  });

  it("clears a draft", () => {
    const storage = memoryStorage();
    writeDraft(storage, "assignment-1", DRAFT);

    clearDraft(storage, "assignment-1");

    expect(storage.entries.size).toBe(0);
    expect(readDraft(storage, "assignment-1", ["sideP1"])).toBeNull();
  });

  it("survives blocked storage", () => {
    expect(writeDraft(blockedStorage, "assignment-1", DRAFT)).toBe(false);
    expect(readDraft(blockedStorage, "assignment-1", ["sideP1"])).toBeNull();
    expect(() => clearDraft(blockedStorage, "assignment-1")).not.toThrow();
  });

  it("works without storage", () => {
    expect(writeDraft(null, "assignment-1", DRAFT)).toBe(false);
    expect(readDraft(null, "assignment-1", ["sideP1"])).toBeNull();
  });
});

describe("entry path storage", () => {
  it("builds the study link with the Prolific parameters", () => {
    const path = buildEntryPath({ studyId: "study 1", prolificPid: "pid-1", prolificStudyId: "s-1", prolificSessionId: "session_1" });

    expect(path).toBe("/study/study%201?PROLIFIC_PID=pid-1&STUDY_ID=s-1&SESSION_ID=session_1");
  });

  it("leaves out empty parameters", () => {
    expect(buildEntryPath({ studyId: "s", prolificPid: "", prolificStudyId: "", prolificSessionId: "" })).toBe("/study/s");
    expect(buildEntryPath({ studyId: "s", prolificPid: "p", prolificStudyId: "", prolificSessionId: "" })).toBe("/study/s?PROLIFIC_PID=p");
  });

  it("reads back the saved path", () => {
    const storage = memoryStorage();
    const path = buildEntryPath({ studyId: "s", prolificPid: "p", prolificStudyId: "x", prolificSessionId: "y" });

    expect(saveEntryPath(storage, "s", path)).toBe(true);

    expect(readEntryPath(storage, "s")).toBe(path);
  });

  it("falls back to the bare study path", () => {
    const storage = memoryStorage();

    expect(readEntryPath(storage, "s")).toBe("/study/s");
    expect(readEntryPath(blockedStorage, "s")).toBe("/study/s");
    expect(readEntryPath(null, "s")).toBe("/study/s");
  });

  it("rejects a path outside the study", () => {
    const storage = memoryStorage();
    const tampered = ["https://elsewhere.example/study/s", "//elsewhere.example", "/study/other?PROLIFIC_PID=p", "/study/s-2", "/study/s/../../login"];

    for (const value of tampered) {
      storage.setItem(entryUrlKey("s"), value);
      expect(readEntryPath(storage, "s")).toBe("/study/s");
    }
  });

  it("clears the saved path", () => {
    const storage = memoryStorage();
    saveEntryPath(storage, "s", "/study/s?PROLIFIC_PID=p");

    clearEntryPath(storage, "s");

    expect(readEntryPath(storage, "s")).toBe("/study/s");
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "00:00"],
    [9, "00:09"],
    [61, "01:01"],
    [3599, "59:59"],
    [3600, "60:00"],
    [-5, "00:00"],
    [12.9, "00:12"],
  ])("formats %d seconds as %s", (seconds, text) => {
    expect(formatElapsed(seconds)).toBe(text);
  });
});
