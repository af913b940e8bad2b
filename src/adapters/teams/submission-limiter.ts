import type { Clock } from '../../app/ports/clock';

/** At most `max` new submissions per person in any window of `windowMs`. */
export interface SubmissionLimit {
  max: number;
  windowMs: number;
}

/**
 * Per-person limit on new reports and questions, so that a stuck client or a script cannot flood the teams'
 * inboxes. A sliding log per person (tenant + user) over the window only, so memory does not grow with the
 * cases stored: a slot is taken before the case is stored and given back when nothing was stored. A form that
 * holds a slot (a double click, Teams retrying the invoke) is always let through; a later repeat of a form,
 * after its slot left the window, is let through when `isRepeat` finds its case in the store, which answers it
 * with the same case and creates nothing new.
 * In-process only: each instance counts its own submissions (docs/security.md).
 */
export class SubmissionLimiter {
  private readonly slots = new Map<string, { formId: string; at: number }[]>();
  /** When every person's log was last pruned: once a window, not on every submission (people × submissions). */
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limit: SubmissionLimit,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  /** Takes a slot for `formId` of `personKey`; false when the person is over the limit. */
  tryAcquire(personKey: string, formId: string): boolean {
    const now = Date.parse(this.clock.now());
    if (now - this.prunedAt >= this.limit.windowMs) this.prune(now);
    const held = (this.slots.get(personKey) ?? []).filter((s) => s.at > now - this.limit.windowMs);
    if (held.some((s) => s.formId === formId)) return true;
    if (held.length >= this.limit.max) return false;
    this.slots.set(personKey, [...held, { formId, at: now }]);
    return true;
  }

  /** Gives back the slot of a submission that stored nothing (rejected by validation or refused). */
  release(personKey: string, formId: string): void {
    const held = this.slots.get(personKey);
    if (held === undefined) return;
    const rest = held.filter((s) => s.formId !== formId);
    if (rest.length === 0) this.slots.delete(personKey);
    else this.slots.set(personKey, rest);
  }

  /**
   * Runs `submit` in a slot of `personKey` for `formId`, or answers undefined without running it when the person
   * is over the limit. The slot is given back when `submit` stored nothing (`ok: false`) or threw.
   */
  async run<R extends { ok: boolean }>(
    personKey: string,
    formId: string,
    submit: () => Promise<R>,
    isRepeat: () => Promise<boolean> = async () => false,
  ): Promise<R | undefined> {
    if (!this.tryAcquire(personKey, formId)) return (await isRepeat()) ? submit() : undefined;
    try {
      const result = await submit();
      if (!result.ok) this.release(personKey, formId);
      return result;
    } catch (error) {
      this.release(personKey, formId);
      throw error;
    }
  }

  /** People with a remembered submission (for tests and metrics). */
  get trackedPeople(): number {
    return this.slots.size;
  }

  /** Forgets what left the window: people whose last submission did are forgotten within two windows. */
  private prune(now: number): void {
    this.prunedAt = now;
    for (const [key, held] of this.slots) {
      const live = held.filter((s) => s.at > now - this.limit.windowMs);
      if (live.length === 0) this.slots.delete(key);
      else if (live.length !== held.length) this.slots.set(key, live);
    }
  }
}
