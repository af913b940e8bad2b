/**
 * Whether the app is answering requests, for background work that should wait for a quiet moment (the reminder
 * planner). Quiet means no turn in flight and none ended in the last `quietMs`: between the requests of a burst
 * there is never that long, so a gap of a millisecond between two requests does not count.
 */
export class TurnActivity {
  private inFlight = 0;
  private lastEndedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly quietMs: number) {}

  begin(): void {
    this.inFlight += 1;
  }

  /** A turn ended at `now`; true when it was the last one in flight. */
  end(now: number): boolean {
    this.inFlight -= 1;
    this.lastEndedAt = now;
    return this.inFlight === 0;
  }

  /** How long until the app counts as quiet at the soonest: 0 when it is. */
  quietIn(now: number): number {
    if (this.inFlight > 0) return this.quietMs;
    return Math.max(0, this.lastEndedAt + this.quietMs - now);
  }
}
