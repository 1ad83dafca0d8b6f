"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Refresh the page's server data every few seconds while `active` is true, for run progress. */
export function RefreshWhileActive({ active, intervalMs = 3_000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();

  useEffect(() => {
    if (!active) {
      return;
    }
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);

  return null;
}
