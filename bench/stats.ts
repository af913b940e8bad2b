/** Latency percentiles and throughput of one measured run. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  /** Completed requests per second of wall time. */
  throughput: number;
}

/**
 * Nearest-rank percentile: the smallest sample that at least p % of the samples are less than or equal to
 * (no interpolation, so p99 of 2,000 samples is the 1,980th smallest).
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(latenciesMs: readonly number[], wallMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    throughput: wallMs > 0 ? (sorted.length / wallMs) * 1000 : Number.NaN,
  };
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);
