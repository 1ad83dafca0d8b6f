import type { Choice } from "@/lib/assignment/schemas";

/**
 * Keyboard shortcuts of the judging screen. Criterion k is answered with row k of the
 * keyboard's left block, and the three keys of a row mean, left to right, Response A, tie
 * and Response B. Keys are matched by the character typed, so the letters shown on screen
 * are the letters to press on any keyboard layout.
 */
export const CRITERION_KEYS: readonly (readonly [string, string, string])[] = [
  ["1", "2", "3"],
  ["q", "w", "e"],
  ["a", "s", "d"],
  ["z", "x", "c"],
];

/** Choices in the order of the keys in each row of CRITERION_KEYS. */
export const CHOICE_ORDER: readonly Choice[] = ["A", "TIE", "B"];

/** The element that had focus when a key was pressed, described by the fields that decide whether to act. */
export type KeyTarget = { tagName: string; type?: string; isContentEditable?: boolean; inDialog?: boolean };

export type KeyPress = {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  repeat: boolean;
  target: KeyTarget | null;
};

export type KeyAction = { type: "choose"; criterionIndex: number; choice: Choice } | { type: "submit" };

/** Input types that take no typed text, so shortcuts pressed on them cannot clash with typing. */
const NON_TEXT_INPUT_TYPES = new Set(["radio", "checkbox", "button", "submit", "reset"]);

/** Return the key that picks `choice` on criterion `criterionIndex` (0-based), or undefined past the last keyed row. */
export function keyForChoice(criterionIndex: number, choice: Choice): string | undefined {
  return CRITERION_KEYS[criterionIndex]?.[CHOICE_ORDER.indexOf(choice)];
}

/**
 * Decide what a key press does on a screen with `criterionCount` criteria. Returns null for
 * keys that belong to the focused element or the browser: anything typed into a text field,
 * keys pressed inside a dialog, Enter on a button or link (which activates it), keys held
 * with Alt or Meta, letters held with Ctrl (copy, select all), and auto-repeated Enter.
 */
export function keyAction(press: KeyPress, criterionCount: number): KeyAction | null {
  if (press.altKey || press.metaKey || press.target?.inDialog || acceptsText(press.target)) {
    return null;
  }

  if (press.key === "Enter") {
    const tagName = press.target?.tagName.toUpperCase();
    if (press.repeat || tagName === "BUTTON" || tagName === "A" || isButtonInput(press.target)) {
      return null;
    }
    return { type: "submit" };
  }

  if (press.ctrlKey) {
    return null;
  }

  const key = press.key.toLowerCase();
  const rows = CRITERION_KEYS.slice(0, criterionCount);
  for (const [criterionIndex, row] of rows.entries()) {
    const position = row.indexOf(key);
    if (position !== -1) {
      return { type: "choose", criterionIndex, choice: CHOICE_ORDER[position] };
    }
  }
  return null;
}

function acceptsText(target: KeyTarget | null): boolean {
  if (!target) {
    return false;
  }
  if (target.isContentEditable) {
    return true;
  }

  const tagName = target.tagName.toUpperCase();
  if (tagName === "TEXTAREA" || tagName === "SELECT") {
    return true;
  }
  return tagName === "INPUT" && !NON_TEXT_INPUT_TYPES.has((target.type ?? "text").toLowerCase());
}

function isButtonInput(target: KeyTarget | null): boolean {
  const type = target?.type?.toLowerCase();
  return target?.tagName.toUpperCase() === "INPUT" && (type === "button" || type === "submit" || type === "reset");
}
