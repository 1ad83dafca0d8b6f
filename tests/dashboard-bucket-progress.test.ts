import { describe, expect, it } from "vitest";

import { bucketProgress, type ProgressSlot } from "@/lib/dashboard/bucket-progress";

function slot(start: string, humanItems: number, simulatedJudgments = 0): ProgressSlot {
  return { start, humanItems, simulatedJudgments };
}

describe("bucketProgress", () => {
  it("groups a short span into local hours with running totals", () => {
    const progress = bucketProgress({
      timeZone: "UTC",
      slots: [slot("2026-12-01T10:45:00.000Z", 1), slot("2026-12-01T10:00:00.000Z", 2, 1), slot("2026-12-01T12:15:00.000Z", 4)],
    });

    expect(progress.unit).toBe("hour");
    expect(progress.buckets.map((bucket) => bucket.key)).toEqual(["2026-12-01T10", "2026-12-01T12"]);
    expect(progress.buckets.map((bucket) => bucket.humanItems)).toEqual([3, 4]);
    expect(progress.buckets.map((bucket) => bucket.cumulativeHumanItems)).toEqual([3, 7]);
    expect(progress.buckets.map((bucket) => bucket.cumulativeSimulatedJudgments)).toEqual([1, 1]);
    expect(new Date(progress.buckets[1].startMs).toISOString()).toBe("2026-12-01T12:00:00.000Z");
  });

  it("opens hours on the half hour in a half-hour zone", () => {
    const progress = bucketProgress({
      timeZone: "Asia/Kolkata",
      slots: [slot("2026-12-01T10:15:00.000Z", 1), slot("2026-12-01T10:30:00.000Z", 1)],
    });

    // 10:15 UTC is 15:45 IST and 10:30 UTC is 16:00 IST, so they fall in different local hours.
    expect(progress.buckets.map((bucket) => bucket.key)).toEqual(["2026-12-01T15", "2026-12-01T16"]);
    expect(new Date(progress.buckets[0].startMs).toISOString()).toBe("2026-12-01T09:30:00.000Z");
  });

  it("groups a long span into local days", () => {
    const progress = bucketProgress({
      timeZone: "America/New_York",
      slots: [slot("2026-12-01T03:00:00.000Z", 1), slot("2026-12-01T06:00:00.000Z", 2), slot("2026-12-05T12:00:00.000Z", 3)],
    });

    // 03:00 UTC on 1 December is still 30 November in New York (UTC-5).
    expect(progress.unit).toBe("day");
    expect(progress.buckets.map((bucket) => bucket.key)).toEqual(["2026-11-30", "2026-12-01", "2026-12-05"]);
    expect(progress.buckets.map((bucket) => bucket.cumulativeHumanItems)).toEqual([1, 3, 6]);
    expect(new Date(progress.buckets[1].startMs).toISOString()).toBe("2026-12-01T05:00:00.000Z");
  });

  it("finds local midnight on a daylight-saving day", () => {
    // Berlin switches to summer time at 01:00 UTC on 29 March 2026, so that day starts at 23:00 UTC the day before.
    const spring = bucketProgress({ timeZone: "Europe/Berlin", slots: [slot("2026-03-20T12:00:00.000Z", 1), slot("2026-03-29T15:00:00.000Z", 1)] });
    expect(spring.buckets.map((bucket) => bucket.key)).toEqual(["2026-03-20", "2026-03-29"]);
    expect(new Date(spring.buckets[1].startMs).toISOString()).toBe("2026-03-28T23:00:00.000Z");

    // Berlin returns to winter time at 01:00 UTC on 25 October 2026; that day starts at 22:00 UTC the day before.
    const autumn = bucketProgress({ timeZone: "Europe/Berlin", slots: [slot("2026-10-20T12:00:00.000Z", 1), slot("2026-10-25T20:00:00.000Z", 1)] });
    expect(new Date(autumn.buckets[1].startMs).toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });

  it("returns no buckets without slots", () => {
    expect(bucketProgress({ timeZone: "UTC", slots: [] })).toEqual({ timeZone: "UTC", unit: "hour", buckets: [] });
  });

  it("rejects a slot off the 15-minute grid", () => {
    expect(() => bucketProgress({ timeZone: "UTC", slots: [slot("2026-12-01T10:07:00.000Z", 1)] })).toThrow(RangeError);
    expect(() => bucketProgress({ timeZone: "UTC", slots: [slot("yesterday", 1)] })).toThrow(/not an ISO 8601 time/);
  });

  it("rejects an unknown time zone", () => {
    expect(() => bucketProgress({ timeZone: "Mars/Olympus", slots: [slot("2026-12-01T10:00:00.000Z", 1)] })).toThrow(RangeError);
  });
});
