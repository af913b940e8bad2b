/**
 * Remembers the ids of recently handled messages. Teams re-sends an activity it got no answer to within
 * 15 seconds, with the same id; the repeat must not produce a second reply. Bounded in size and time,
 * per process: card submissions are made idempotent by their form id in the store instead.
 */
export class RecentActivities {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 5 * 60_000, maxEntries: 10_000 },
  ) {}

  /** True the first time an id is offered within the time window, false for a repeat. */
  firstSighting(id: string, nowMs: number): boolean {
    this.forgetOlderThan(nowMs - this.options.ttlMs);
    if (this.seenAt.has(id)) return false;
    this.seenAt.set(id, nowMs);
    if (this.seenAt.size > this.options.maxEntries) {
      const oldest = this.seenAt.keys().next();
      if (oldest.done !== true) this.seenAt.delete(oldest.value);
    }
    return true;
  }

  private forgetOlderThan(cutoffMs: number): void {
    // Insertion order is time order, so stop at the first entry that is still fresh.
    for (const [id, at] of this.seenAt) {
      if (at >= cutoffMs) break;
      this.seenAt.delete(id);
    }
  }
}
