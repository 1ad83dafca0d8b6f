import { describe, expect, it } from "vitest";

import { createRateLimiter } from "@/lib/judges/create-rate-limiter";

/** A clock that only moves when the limiter sleeps, recording each sleep. */
function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: async (milliseconds: number) => {
      sleeps.push(milliseconds);
      time += milliseconds;
    },
    sleeps,
  };
}

describe("createRateLimiter", () => {
  it("holds the request over the per-minute limit for the rest of the minute", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 2, tokensPerMinute: 0, ...clock });

    await Promise.all([limiter.acquire(1), limiter.acquire(1), limiter.acquire(1)]);

    expect(clock.sleeps).toEqual([60_000]);
  });

  it("holds a request whose tokens do not fit the minute", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 0, tokensPerMinute: 1_000, ...clock });

    await limiter.acquire(600);
    await limiter.acquire(300);
    await limiter.acquire(200);

    expect(clock.sleeps).toEqual([60_000]);
  });

  it("passes a request larger than the token limit once the window is empty", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerMinute: 0, tokensPerMinute: 100, ...clock });

    await limiter.acquire(500);
    await limiter.acquire(500);

    expect(clock.sleeps).toEqual([60_000]);
  });
});
