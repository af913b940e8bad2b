import { performance } from 'node:perf_hooks';

/** With nothing settling for this long, the work is taken to be stuck (a lost card, a dead server). */
export const stallMs = 30_000;

/**
 * Waits for every one of `work` by progress, not by a fixed time: it fails only when none of them has
 * settled for `stallMs`, or after `capMs` in all (a cap the caller scales with what it measured, e.g. how
 * long the load that produced the work took). A slow machine thus waits longer instead of failing.
 */
export async function waitByProgress<T>(work: readonly Promise<T>[], what: string, capMs: number, stalledAfterMs = stallMs): Promise<T[]> {
  let settled = 0;
  let lastProgress = performance.now();
  const begin = lastProgress;
  const counted = work.map((p) =>
    p.finally(() => {
      settled += 1;
      lastProgress = performance.now();
    }),
  );
  const all = Promise.all(counted);
  // A rejection is reported by `all` below; keep it from being unhandled while we poll.
  all.catch(() => undefined);
  let done = false;
  void all.finally(() => {
    done = true;
  });
  while (!done) {
    const now = performance.now();
    if (now - lastProgress > stalledAfterMs) throw new Error(`${what}: ${settled} of ${work.length} arrived, none in the last ${stalledAfterMs / 1000} s`);
    if (now - begin > capMs) throw new Error(`${what}: ${settled} of ${work.length} arrived within the cap of ${(capMs / 1000).toFixed(0)} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return all;
}

/** A cap for waiting on work that `loadMs` of load produced: generous, and longer on a slower machine. */
export const capAfter = (loadMs: number): number => Math.max(120_000, 10 * loadMs);
