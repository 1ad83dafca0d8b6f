import { z } from "zod";

import { choiceSchema, type Choice } from "@/lib/assignment/schemas";

/**
 * Drafts of the judging screen, kept in the browser's localStorage per assignment so that a
 * reload, or a new sign-in after the session expired, finds the choices made so far. The
 * draft also keeps the submission's request id, so a resubmission after a lost response is
 * recognised by the server as a retry.
 */

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const draftSchema = z.object({
  requestId: z.uuid(),
  /** Milliseconds since the epoch when the crowdworker first saw the item. */
  startedAt: z.number().int().nonnegative(),
  /** Choice per criterion side id. */
  choices: z.record(z.string(), choiceSchema),
});
export type JudgingDraft = z.infer<typeof draftSchema>;

export function draftKey(assignmentId: string): string {
  return `ladle:judging-draft:${assignmentId}`;
}

export function entryUrlKey(studyId: string): string {
  return `ladle:study-entry:${studyId}`;
}

/**
 * Read the stored draft of an assignment. Returns null when none is stored or it is not a
 * valid draft, and drops choices for criteria the item does not have.
 */
export function readDraft(storage: DraftStorage | null, assignmentId: string, criterionSideIds: readonly string[]): JudgingDraft | null {
  const raw = safeGet(storage, draftKey(assignmentId));
  if (raw === null) {
    return null;
  }

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) {
    return null;
  }

  const choices: Record<string, Choice> = {};
  for (const sideId of criterionSideIds) {
    const choice = parsed.data.choices[sideId];
    if (choice !== undefined) {
      choices[sideId] = choice;
    }
  }
  return { ...parsed.data, choices };
}

/** Store a draft. Returns false when the browser refused, for example with storage disabled or full. */
export function writeDraft(storage: DraftStorage | null, assignmentId: string, draft: JudgingDraft): boolean {
  return safeSet(storage, draftKey(assignmentId), JSON.stringify(draft));
}

export function clearDraft(storage: DraftStorage | null, assignmentId: string): void {
  safeRemove(storage, draftKey(assignmentId));
}

/**
 * Build the path of a study link with the recruiting platform's parameters, which is where a
 * crowdworker whose session ended signs in again as the same participant.
 */
export function buildEntryPath(options: { studyId: string; prolificPid: string; prolificStudyId: string; prolificSessionId: string }): string {
  const parameters = new URLSearchParams();
  const fields: [string, string][] = [
    ["PROLIFIC_PID", options.prolificPid],
    ["STUDY_ID", options.prolificStudyId],
    ["SESSION_ID", options.prolificSessionId],
  ];
  for (const [name, value] of fields) {
    if (value !== "") {
      parameters.set(name, value);
    }
  }

  const query = parameters.toString();
  return `${studyPath(options.studyId)}${query === "" ? "" : `?${query}`}`;
}

export function saveEntryPath(storage: DraftStorage | null, studyId: string, path: string): boolean {
  return safeSet(storage, entryUrlKey(studyId), path);
}

/**
 * Return the stored study link of a study, or the bare study path when none is stored. Only
 * a path into the same study is accepted, so a tampered value cannot send anyone elsewhere.
 */
export function readEntryPath(storage: DraftStorage | null, studyId: string): string {
  const stored = safeGet(storage, entryUrlKey(studyId));
  const base = studyPath(studyId);
  if (stored !== null && (stored === base || stored.startsWith(`${base}?`))) {
    return stored;
  }
  return base;
}

export function clearEntryPath(storage: DraftStorage | null, studyId: string): void {
  safeRemove(storage, entryUrlKey(studyId));
}

/**
 * Return the browser's localStorage, or null where there is none (server rendering) or the
 * browser blocks it; reading `window.localStorage` itself throws when storage is disabled.
 */
export function browserStorage(): DraftStorage | null {
  if (typeof window === "undefined") {
    return null;
  }
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function studyPath(studyId: string): string {
  return `/study/${encodeURIComponent(studyId)}`;
}

// Storage calls throw when storage is disabled or full. A draft is a convenience, so the
// screen keeps working from memory and these helpers report the failure by their result.
function safeGet(storage: DraftStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(storage: DraftStorage | null, key: string, value: string): boolean {
  if (!storage) {
    return false;
  }
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

function safeRemove(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing to do: a draft that cannot be removed is overwritten or ignored later.
  }
}
