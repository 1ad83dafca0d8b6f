import { randomInt } from "node:crypto";

import type { ComparedSystem, Verdict } from "@/lib/generated/prisma/enums";
import type { Choice } from "@/lib/assignment/schemas";

/** Draw a random seed that fits the Int column `Assignment.orderSeed`. */
export function drawOrderSeed(): number {
  return randomInt(0, 2 ** 31 - 1);
}

/**
 * Derive which system's response is shown first (as "Response A") for an assignment drawn with
 * `seed`. The seed goes through MurmurHash3's 32-bit finalizer, so consecutive seeds give
 * independent orders and the same seed always gives the same order.
 */
export function shownFirstFromSeed(seed: number): ComparedSystem {
  let hash = seed | 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;

  return hash >>> 31 === 0 ? "CANDIDATE" : "BASELINE";
}

/** Turns a choice between the displayed positions A and B into a verdict between the systems. */
export function verdictForChoice(choice: Choice, shownFirst: ComparedSystem): Verdict {
  if (choice === "TIE") {
    return "TIE";
  }

  const shownSecond: ComparedSystem = shownFirst === "CANDIDATE" ? "BASELINE" : "CANDIDATE";
  return choice === "A" ? shownFirst : shownSecond;
}
