import { useEffect, useState, useSyncExternalStore } from "react";

import { browserStorage, clearDraft, readDraft, writeDraft, type JudgingDraft } from "@/components/judging/judging-draft";
import { createRequestId } from "@/components/judging/judging-state";
import type { Choice } from "@/lib/assignment/schemas";

export type DraftSnapshot = {
  draft: JudgingDraft;
  /** Whether choices were found in storage, from a reload or an earlier sign-in. */
  restored: boolean;
};

export type DraftStore = ReturnType<typeof createDraftStore>;

/**
 * Keep the choices of one assignment in memory and in localStorage. The server renders, and
 * hydration starts from, a draft without choices, so the stored choices appear only after
 * hydration and the server HTML never disagrees with the first client render.
 */
export function useJudgingDraft(assignmentId: string, criterionSideIds: readonly string[]): { snapshot: DraftSnapshot; store: DraftStore } {
  const [store] = useState(() => createDraftStore(assignmentId, criterionSideIds));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);

  useEffect(() => {
    store.persist();
  }, [store]);

  return { snapshot, store };
}

function createDraftStore(assignmentId: string, criterionSideIds: readonly string[]) {
  const storage = browserStorage();
  const stored = readDraft(storage, assignmentId, criterionSideIds);
  const listeners = new Set<() => void>();

  let snapshot: DraftSnapshot = {
    draft: stored ?? { requestId: createRequestId(), startedAt: Date.now(), choices: {} },
    restored: stored !== null && Object.keys(stored.choices).length > 0,
  };
  const serverSnapshot: DraftSnapshot = { draft: { ...snapshot.draft, choices: {} }, restored: false };

  return {
    requestId: snapshot.draft.requestId,

    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    getSnapshot: () => snapshot,

    getServerSnapshot: () => serverSnapshot,

    /** Store the draft as it is, so the request id and start time survive a reload before any choice. */
    persist() {
      writeDraft(storage, assignmentId, snapshot.draft);
    },

    setChoice(criterionSideId: string, choice: Choice) {
      const draft = { ...snapshot.draft, choices: { ...snapshot.draft.choices, [criterionSideId]: choice } };
      snapshot = { ...snapshot, draft };
      writeDraft(storage, assignmentId, draft);
      listeners.forEach((listener) => listener());
    },

    /** Remove the stored draft once the server has the answers, or the assignment is gone. */
    clear() {
      clearDraft(storage, assignmentId);
    },
  };
}
