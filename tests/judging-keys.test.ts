import { describe, expect, it } from "vitest";

import { CRITERION_KEYS, keyAction, keyForChoice, type KeyPress, type KeyTarget } from "@/components/judging/judging-keys";

const RADIO: KeyTarget = { tagName: "INPUT", type: "radio" };

function press(key: string, overrides: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, metaKey: false, repeat: false, target: { tagName: "BODY" }, ...overrides };
}

describe("keyAction", () => {
  it("maps each row to its criterion", () => {
    const expected = [
      ["1", 0, "A"],
      ["2", 0, "TIE"],
      ["3", 0, "B"],
      ["q", 1, "A"],
      ["w", 1, "TIE"],
      ["e", 1, "B"],
      ["a", 2, "A"],
      ["s", 2, "TIE"],
      ["d", 2, "B"],
      ["z", 3, "A"],
      ["x", 3, "TIE"],
      ["c", 3, "B"],
    ] as const;

    for (const [key, criterionIndex, choice] of expected) {
      expect(keyAction(press(key), 4)).toEqual({ type: "choose", criterionIndex, choice });
    }
  });

  it("accepts upper-case letters", () => {
    expect(keyAction(press("W"), 3)).toEqual({ type: "choose", criterionIndex: 1, choice: "TIE" });
  });

  it("ignores rows past the last criterion", () => {
    expect(keyAction(press("a"), 2)).toBeNull();
    expect(keyAction(press("z"), 3)).toBeNull();
  });

  it("ignores keys outside the grid", () => {
    for (const key of ["4", "r", "f", "v", "b", " ", "Tab", "ArrowDown"]) {
      expect(keyAction(press(key), 4)).toBeNull();
    }
  });

  it("submits on Enter and Ctrl+Enter", () => {
    expect(keyAction(press("Enter"), 3)).toEqual({ type: "submit" });
    expect(keyAction(press("Enter", { ctrlKey: true }), 3)).toEqual({ type: "submit" });
  });

  it("submits on Enter from a radio", () => {
    expect(keyAction(press("Enter", { target: RADIO }), 3)).toEqual({ type: "submit" });
  });

  it("leaves Enter on buttons and links alone", () => {
    expect(keyAction(press("Enter", { target: { tagName: "BUTTON" } }), 3)).toBeNull();
    expect(keyAction(press("Enter", { target: { tagName: "A" } }), 3)).toBeNull();
    expect(keyAction(press("Enter", { target: { tagName: "INPUT", type: "submit" } }), 3)).toBeNull();
  });

  it("ignores auto-repeated Enter", () => {
    expect(keyAction(press("Enter", { repeat: true }), 3)).toBeNull();
  });

  it("chooses from a focused radio or button", () => {
    expect(keyAction(press("3", { target: RADIO }), 3)).toEqual({ type: "choose", criterionIndex: 0, choice: "B" });
    expect(keyAction(press("3", { target: { tagName: "BUTTON" } }), 3)).toEqual({ type: "choose", criterionIndex: 0, choice: "B" });
  });

  it("never acts while typing in a text field", () => {
    const textTargets: KeyTarget[] = [
      { tagName: "INPUT", type: "text" },
      { tagName: "INPUT" },
      { tagName: "INPUT", type: "search" },
      { tagName: "INPUT", type: "number" },
      { tagName: "TEXTAREA" },
      { tagName: "SELECT" },
      { tagName: "DIV", isContentEditable: true },
    ];

    for (const target of textTargets) {
      expect(keyAction(press("q", { target }), 3)).toBeNull();
      expect(keyAction(press("Enter", { target }), 3)).toBeNull();
    }
  });

  it("never acts inside a dialog", () => {
    const target: KeyTarget = { tagName: "BUTTON", inDialog: true };

    expect(keyAction(press("1", { target }), 3)).toBeNull();
    expect(keyAction(press("Enter", { target: { tagName: "DIALOG", inDialog: true } }), 3)).toBeNull();
  });

  it("leaves browser shortcuts alone", () => {
    expect(keyAction(press("c", { ctrlKey: true }), 4)).toBeNull();
    expect(keyAction(press("a", { ctrlKey: true }), 4)).toBeNull();
    expect(keyAction(press("1", { altKey: true }), 4)).toBeNull();
    expect(keyAction(press("q", { metaKey: true }), 4)).toBeNull();
    expect(keyAction(press("Enter", { metaKey: true }), 4)).toBeNull();
  });

  it("acts with no focused element", () => {
    expect(keyAction(press("e", { target: null }), 3)).toEqual({ type: "choose", criterionIndex: 1, choice: "B" });
  });
});

describe("keyForChoice", () => {
  it("returns the key shown beside each option", () => {
    expect(keyForChoice(0, "A")).toBe("1");
    expect(keyForChoice(1, "TIE")).toBe("w");
    expect(keyForChoice(3, "B")).toBe("c");
  });

  it("returns undefined past the keyed rows", () => {
    expect(keyForChoice(CRITERION_KEYS.length, "A")).toBeUndefined();
  });

  it("round-trips through keyAction", () => {
    for (let criterionIndex = 0; criterionIndex < CRITERION_KEYS.length; criterionIndex += 1) {
      for (const choice of ["A", "TIE", "B"] as const) {
        const key = keyForChoice(criterionIndex, choice)!;
        expect(keyAction(press(key), CRITERION_KEYS.length)).toEqual({ type: "choose", criterionIndex, choice });
      }
    }
  });

  it("uses each key once", () => {
    const keys = CRITERION_KEYS.flat();

    expect(new Set(keys).size).toBe(keys.length);
  });
});
