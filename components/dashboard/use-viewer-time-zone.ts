"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * The browser's IANA time zone, such as Europe/Berlin, or null during server rendering. The
 * server cannot know the viewer's zone, so times are rendered only once this returns a name.
 */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}
