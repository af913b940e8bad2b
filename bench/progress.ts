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

/**
 * Work a load leaves behind for the server (case cards to deliver), counted as the load causes it and as it
 * arrives, so that a load's time budget can cover the work it causes, not only its requests: a slower machine
 * then makes fewer requests in the budget (the table says how many) instead of leaving minutes of cards to wait
 * for after it. A load either waits `whenBelow` before each request, keeping what is outstanding under a bound,
 * or stops once `projectedMs`, at the rate a settle before it showed, would take it past its budget.
 */
export class Backlog {
  private caused = 0;
  private arrived = 0;
  private lastArrivalAt = performance.now();
  /** Items settled per millisecond in the settle last timed (`timeSettle`). */
  private perMs: number | undefined;
  private waiting: { items: number; resolve: () => void }[] = [];

  /** `stalledAfterMs`: a wait fails once nothing has arrived for this long (a dead server, lost cards). */
  constructor(private readonly stalledAfterMs = stallMs) {}

  /** The load caused `items` more (a submission's cards, one per team member). */
  cause(items: number): void {
    this.caused += items;
  }

  /** One item arrived (a card reached the stand-in). */
  arrive(): void {
    this.arrived += 1;
    this.lastArrivalAt = performance.now();
    if (this.waiting.length === 0) return;
    const still: typeof this.waiting = [];
    for (const w of this.waiting) {
      if (this.outstanding < w.items) w.resolve();
      else still.push(w);
    }
    this.waiting = still;
  }

  /** Caused and not arrived yet. */
  get outstanding(): number {
    return Math.max(0, this.caused - this.arrived);
  }

  /**
   * Times a settle: resolves with its length once `settle` has; from then on `projectedMs` uses the rate this
   * settle showed (the items outstanding at its start over its length). A settle with nothing outstanding
   * teaches nothing.
   */
  async timeSettle(settle: () => Promise<unknown>): Promise<number> {
    const items = this.outstanding;
    const begin = performance.now();
    await settle();
    const ms = performance.now() - begin;
    if (items > 0 && ms > 0) this.perMs = items / ms;
    return ms;
  }

  /** How long what is outstanding now would take to settle at the rate last timed; 0 before a settle was timed. */
  projectedMs(): number {
    return this.perMs === undefined ? 0 : this.outstanding / this.perMs;
  }

  /**
   * Resolves once fewer than `items` are outstanding (at once if that holds now); rejects, saying how many are
   * outstanding, once nothing has arrived for `stalledAfterMs`.
   */
  whenBelow(items: number): Promise<void> {
    if (this.outstanding < items) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = {
        items,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const check = (): void => {
        const quietMs = performance.now() - this.lastArrivalAt;
        if (quietMs < this.stalledAfterMs) {
          timer = setTimeout(check, this.stalledAfterMs - quietMs);
          return;
        }
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new Error(`${this.outstanding} items outstanding, none arrived in the last ${this.stalledAfterMs / 1000} s`));
      };
      this.waiting.push(waiter);
      check();
    });
  }
}
