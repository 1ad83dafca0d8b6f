"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

import { useViewerTimeZone } from "@/components/dashboard/use-viewer-time-zone";
import { Button } from "@/components/ui/button";
import { parseDashboardView, toDashboardSearchParams, type DashboardView } from "@/lib/dashboard/dashboard-view";
import { MAX_BOOTSTRAP_ROUNDS } from "@/lib/stats/bootstrap-settings";
import type { TieConvention } from "@/lib/stats/compute-win-rates";
import type { StudyStatsFilter } from "@/lib/stats/study-stats-filter";

export type JudgeVersionOption = { id: string; label: string };

const SELECT_CLASS = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * Render the dashboard's filter form. Applying it writes the view into the URL, so the page
 * reloads with it and the link can be shared. Dates are entered in the viewer's time zone and stored
 * in the URL as UTC instants.
 */
export function DashboardFilters({ query, judgeVersions }: { query: string; judgeVersions: JudgeVersionOption[] }) {
  const timeZone = useViewerTimeZone();
  if (timeZone === null) {
    return <p className="text-sm text-slate-500">Loading the filters…</p>;
  }
  // Remounting on a new query resets the uncontrolled fields to the view in the URL.
  return <FilterForm key={query} query={query} judgeVersions={judgeVersions} timeZone={timeZone} />;
}

function FilterForm({ query, judgeVersions, timeZone }: { query: string; judgeVersions: JudgeVersionOption[]; timeZone: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const { view } = parseDashboardView(new URLSearchParams(query));
  const { filter } = view;

  function apply(form: HTMLFormElement) {
    const data = new FormData(form);
    const next: DashboardView = {
      filter: {
        judgeKind: data.get("judge") as StudyStatsFilter["judgeKind"],
        judgeVersionId: (data.get("judgeVersion") as string | null) || null,
        pool: data.get("pool") as StudyStatsFilter["pool"],
        from: fromLocalInput(data.get("from") as string),
        to: fromLocalInput(data.get("to") as string),
        excludedCrowdworkers: data.get("excluded") as StudyStatsFilter["excludedCrowdworkers"],
      },
      convention: data.get("ties") as TieConvention,
      rounds: Number(data.get("rounds")),
    };
    const search = toDashboardSearchParams(next).toString();
    startTransition(() => router.push(search ? `${pathname}?${search}` : pathname));
  }

  return (
    <form
      aria-label="Dashboard filters"
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      <label className="text-sm font-medium">
        Judges
        <select name="judge" defaultValue={filter.judgeKind} className={SELECT_CLASS}>
          <option value="all">Crowdworkers and simulated judges</option>
          <option value="human">Crowdworkers only</option>
          <option value="simulated">Simulated judges only</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Simulated judge version
        <select name="judgeVersion" defaultValue={filter.judgeVersionId ?? ""} className={SELECT_CLASS}>
          <option value="">All versions</option>
          {filter.judgeVersionId && !judgeVersions.some((option) => option.id === filter.judgeVersionId) && (
            <option value={filter.judgeVersionId}>{filter.judgeVersionId} (no judgments in this study)</option>
          )}
          {judgeVersions.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Crowdworker pool
        <select name="pool" defaultValue={filter.pool} className={SELECT_CLASS}>
          <option value="all">All crowdworkers</option>
          <option value="prolific">From Prolific</option>
          <option value="direct">From the plain study link</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Excluded crowdworkers
        <select name="excluded" defaultValue={filter.excludedCrowdworkers} className={SELECT_CLASS}>
          <option value="drop">Leave their judgments out</option>
          <option value="keep">Include their judgments</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Judged from ({timeZone})
        <input type="datetime-local" name="from" step="any" defaultValue={toLocalInput(filter.from)} className={SELECT_CLASS} />
      </label>
      <label className="text-sm font-medium">
        Judged before ({timeZone})
        <input type="datetime-local" name="to" step="any" defaultValue={toLocalInput(filter.to)} className={SELECT_CLASS} />
      </label>
      <label className="text-sm font-medium">
        Ties in win rates
        <select name="ties" defaultValue={view.convention} className={SELECT_CLASS}>
          <option value="tiesAsHalf">Count as half a win</option>
          <option value="tiesExcluded">Leave out</option>
          <option value="strict">Count as losses (strict)</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Bootstrap rounds for intervals
        <input type="number" name="rounds" min={1} max={MAX_BOOTSTRAP_ROUNDS} step={1} required defaultValue={view.rounds} className={SELECT_CLASS} />
      </label>
      <div className="flex items-end gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Applying…" : "Apply filters"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => startTransition(() => router.push(pathname))}>
          Reset
        </Button>
      </div>
    </form>
  );
}

/**
 * Format `instant` as a datetime-local value in the browser's time zone, with seconds and
 * milliseconds when it has them, so that applying the form again keeps a date from a shared URL.
 */
function toLocalInput(instant: Date | null): string {
  if (!instant) {
    return "";
  }
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const minutes = `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
  if (instant.getMilliseconds() !== 0) {
    return `${minutes}:${pad(instant.getSeconds())}.${pad(instant.getMilliseconds(), 3)}`;
  }
  return instant.getSeconds() === 0 ? minutes : `${minutes}:${pad(instant.getSeconds())}`;
}

/** Read a datetime-local value as an instant in the browser's time zone, or null when it is empty. */
function fromLocalInput(value: string): Date | null {
  return value ? new Date(value) : null;
}
