/** Width in minutes of the UTC slots the server counts progress in. Every time zone offset in use is a multiple of it. */
export const PROGRESS_SLOT_MINUTES = 15;

const SLOT_MS = PROGRESS_SLOT_MINUTES * 60_000;

/** Work finished in one UTC slot starting at `start` (ISO 8601). */
export type ProgressSlot = { start: string; humanItems: number; simulatedJudgments: number };

export type ProgressUnit = "hour" | "day";

/** Work finished in one local hour or day, and the running totals up to its end. */
export type ProgressBucket = {
  /** Epoch milliseconds of the local hour or midnight that opens the bucket. */
  startMs: number;
  /** Local calendar key, such as 2026-12-04 or 2026-12-04T13. */
  key: string;
  humanItems: number;
  simulatedJudgments: number;
  cumulativeHumanItems: number;
  cumulativeSimulatedJudgments: number;
};

export type BucketedProgress = { timeZone: string; unit: ProgressUnit; buckets: ProgressBucket[] };

/** Spans up to this many hours are shown per hour; longer ones per day. */
const HOURLY_SPAN_LIMIT_HOURS = 48;

/**
 * Group UTC progress slots into the hours or days of `timeZone` (an IANA name such as
 * Europe/Berlin), in time order, with running totals. Hours are used when the slots span at
 * most 48 hours, days otherwise. Hours and days without work get no bucket.
 * Throws RangeError for a slot whose start is not a multiple of 15 minutes or an unknown time zone.
 */
export function bucketProgress({ slots, timeZone }: { slots: readonly ProgressSlot[]; timeZone: string }): BucketedProgress {
  const sorted = slots.map((slot) => ({ ...slot, startMs: slotStartMs(slot.start) })).sort((left, right) => left.startMs - right.startMs);
  const spanHours = sorted.length === 0 ? 0 : (sorted[sorted.length - 1].startMs - sorted[0].startMs) / 3_600_000;
  const unit: ProgressUnit = spanHours <= HOURLY_SPAN_LIMIT_HOURS ? "hour" : "day";
  const calendar = new LocalCalendar(timeZone);

  const buckets: ProgressBucket[] = [];
  let cumulativeHumanItems = 0;
  let cumulativeSimulatedJudgments = 0;
  for (const slot of sorted) {
    const parts = calendar.partsOf(slot.startMs);
    // NOTE: when clocks fall back, the repeated local hour gets one key, so its bucket holds two real hours.
    const key = unit === "hour" ? `${parts.date}T${pad(parts.hour)}` : parts.date;
    cumulativeHumanItems += slot.humanItems;
    cumulativeSimulatedJudgments += slot.simulatedJudgments;

    const last = buckets.at(-1);
    if (last && last.key === key) {
      last.humanItems += slot.humanItems;
      last.simulatedJudgments += slot.simulatedJudgments;
      last.cumulativeHumanItems = cumulativeHumanItems;
      last.cumulativeSimulatedJudgments = cumulativeSimulatedJudgments;
      continue;
    }

    const minutesIntoBucket = unit === "hour" ? parts.minute : calendar.minutesSinceMidnight(slot.startMs);
    buckets.push({
      startMs: unit === "hour" ? slot.startMs - parts.minute * 60_000 : calendar.startOfDay(slot.startMs, minutesIntoBucket),
      key,
      humanItems: slot.humanItems,
      simulatedJudgments: slot.simulatedJudgments,
      cumulativeHumanItems,
      cumulativeSimulatedJudgments,
    });
  }

  return { timeZone, unit, buckets };
}

function slotStartMs(start: string): number {
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs) || startMs % SLOT_MS !== 0) {
    throw new RangeError(`Progress slot start ${JSON.stringify(start)} is not an ISO 8601 time on a ${PROGRESS_SLOT_MINUTES}-minute UTC boundary.`);
  }
  return startMs;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** Reads local dates and wall-clock times of instants in one IANA time zone. */
class LocalCalendar {
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
  }

  partsOf(instantMs: number): { date: string; hour: number; minute: number } {
    const parts = Object.fromEntries(this.format.formatToParts(instantMs).map((part) => [part.type, part.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
  }

  minutesSinceMidnight(instantMs: number): number {
    const parts = this.partsOf(instantMs);
    return parts.hour * 60 + parts.minute;
  }

  /**
   * The instant of local midnight of the day containing `instantMs`. Subtracting the wall-clock
   * minutes is off by the offset change on a day with a daylight-saving switch, so the guess is
   * corrected by how far past midnight it lands.
   */
  startOfDay(instantMs: number, minutesSinceMidnight: number): number {
    const guess = instantMs - minutesSinceMidnight * 60_000;
    const guessParts = this.partsOf(guess);
    if (guessParts.date !== this.partsOf(instantMs).date) {
      return guess + (24 * 60 - this.minutesSinceMidnight(guess)) * 60_000;
    }
    return guess - this.minutesSinceMidnight(guess) * 60_000;
  }
}
