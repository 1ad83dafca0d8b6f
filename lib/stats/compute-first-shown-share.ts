import { computeWilsonInterval } from "@/lib/stats/compute-wilson-interval";
import type { FirstShownShare } from "@/lib/stats/study-stats-types";

/**
 * Compute the share of judgments that chose the first-shown response, ties counted in n, with
 * its Wilson interval. Without position bias and with the order drawn at random, it is the
 * share of non-tie verdicts divided by two.
 */
export function computeFirstShownShare({ choseFirst, choseSecond, ties, confidence }: { choseFirst: number; choseSecond: number; ties: number; confidence: number }): FirstShownShare {
  const n = choseFirst + choseSecond + ties;
  return {
    n,
    choseFirst,
    choseSecond,
    ties,
    share: n === 0 ? null : choseFirst / n,
    interval: computeWilsonInterval({ successes: choseFirst, n, confidence }),
  };
}
