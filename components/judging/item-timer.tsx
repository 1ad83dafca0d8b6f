"use client";

import { useSyncExternalStore } from "react";

function subscribeToSeconds(onTick: () => void): () => void {
  const interval = setInterval(onTick, 1000);
  return () => clearInterval(interval);
}

const currentSecond = () => Math.floor(Date.now() / 1000);

const noClockOnServer = () => null;

/**
 * Show how long the crowdworker has spent on the current item, updated every second. The
 * timer role is not a live region, so screen readers read the time only when asked.
 */
export function ItemTimer({ startedAt }: { startedAt: number }) {
  const nowSeconds = useSyncExternalStore(subscribeToSeconds, currentSecond, noClockOnServer);
  const elapsedSeconds = nowSeconds === null ? 0 : nowSeconds - Math.floor(startedAt / 1000);

  return (
    <p className="text-sm text-slate-600">
      Time on this item{" "}
      <span role="timer" aria-label="Time on this item" className="font-mono tabular-nums text-slate-900">
        {formatElapsed(elapsedSeconds)}
      </span>
    </p>
  );
}

/** Format seconds as mm:ss; minutes keep counting past 59, and negative values show as 00:00. */
export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
}
