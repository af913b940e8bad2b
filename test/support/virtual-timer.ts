import type { Timer } from '../../src/adapters/teams/delivery/rate-limiter';

/**
 * A Timer whose sleeps return at once and move its clock forward by the requested time, recording each
 * request. Exact for one lane of work; with several lanes sleeping at once time only runs ahead.
 */
export class VirtualTimer implements Timer {
  readonly sleeps: number[] = [];
  private current: number;

  constructor(startIso = '2026-11-23T09:00:00.000Z') {
    this.current = Date.parse(startIso);
  }

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** The largest number of instants in any window of `windowMs` (a window holds t with start <= t < start + windowMs). */
export function maxInAnyWindow(instants: readonly number[], windowMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
