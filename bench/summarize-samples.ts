export type Sample = { call: string; milliseconds: number; status: number };

export type CallSummary = { call: string; count: number; errors: Record<string, number>; p50: number; p95: number; p99: number };

/** Summarize latencies per call name: count, non-200 statuses by status, and p50/p95/p99 in milliseconds over every call. */
export function summarizeSamples(samples: readonly Sample[]): CallSummary[] {
  const calls = [...new Set(samples.map((sample) => sample.call))].sort();

  return calls.map((call) => {
    const ofCall = samples.filter((sample) => sample.call === call);
    const sorted = ofCall.map((sample) => sample.milliseconds).sort((left, right) => left - right);
    const errors: Record<string, number> = {};
    for (const sample of ofCall) {
      if (sample.status !== 200) {
        const key = sample.status === 0 ? "no response" : `HTTP ${sample.status}`;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
    return { call, count: ofCall.length, errors, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  });
}

/** Nearest-rank percentile of ascending `sorted` values; NaN when there are none. */
function percentile(sorted: readonly number[], rank: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}
