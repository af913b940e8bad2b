import type { DrainTimer } from './outbox/outbox-drainer';
import { planAllAwaitingReminders, planAwaitingReminders, type ReminderDeps } from './plan-reminders';

export interface ReminderPlannerDeps extends ReminderDeps {
  /** The planner's time and timer (the drainer's kind: epoch ms, a timer that does not keep the process alive). */
  timer: DrainTimer;
  /**
   * How long requests keep planning waiting: 0 once none has been answered for a moment, otherwise the time
   * until that moment at the soonest. Planning waits while it is above 0, up to `maxDeferMs` between batches.
   */
  quietIn: () => number;
  /** A case whose planning failed (it stays on the list and is tried again), or a store failure. */
  onError: (error: unknown, caseId?: string) => void;
}

export interface ReminderPlannerOptions {
  /** Cases planned at once: one event-loop turn's work, whose writes share a commit on SQLite. */
  batch: number;
  /** While requests keep coming, one batch at least this often: the list cannot grow without end. */
  maxDeferMs: number;
  /** With nothing awaiting, looks again this often (for cases another instance left when it stopped). */
  pollMs: number;
  /** After a store failure, tries again this much later. */
  errorDelayMs: number;
}

export const defaultReminderPlannerOptions: ReminderPlannerOptions = { batch: 16, maxDeferMs: 1_000, pollMs: 10_000, errorDelayMs: 5_000 };

/**
 * Plans the reminders of new cases after the request that created them (docs/delivery.md, "A new case's
 * reminders are planned after the answer"). A report is answered once its case, messages and audit rows are stored; its
 * reminders, due days later, are planned from the list of cases awaiting them (`NewCaseWith`, `'later'`), which
 * the store keeps with the case, so a restart loses none. When no request is being answered the planner takes
 * the list batch after batch; while requests keep coming, one batch per `maxDeferMs`, so a burst of reports is
 * answered first and the list still shrinks. The reminder sweep also plans every case on the list before it
 * claims, so a due reminder is never missed for want of planning.
 */
export class ReminderPlanner {
  private readonly options: ReminderPlannerOptions;
  private stopped = true;
  private running: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  /** Woken while a step ran: look again right after it. */
  private again = false;

  constructor(
    private readonly deps: ReminderPlannerDeps,
    options: Partial<ReminderPlannerOptions> = {},
  ) {
    this.options = { ...defaultReminderPlannerOptions, ...options };
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Requests may leave the planner time soon (the last one in flight was answered): look again. */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) this.again = true;
    else this.schedule(0);
  }

  /** Ends the batch in progress, if any; what is still on the list stays there for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    await this.running;
  }

  /** Plans everything on the list now, whether requests are coming or not: tests and the benchmark. */
  async idle(): Promise<void> {
    await this.running;
    for (const { caseId, error } of await planAllAwaitingReminders(this.deps, this.options.batch)) this.deps.onError(error, caseId);
  }

  /** Runs a step at `now + delayMs`, unless one is due sooner already or is running (it schedules the next). */
  private schedule(delayMs: number): void {
    const at = this.deps.timer.now() + delayMs;
    if (this.running !== undefined || at >= this.timerAt) return;
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.deps.timer.schedule(delayMs, () => {
      this.cancelTimer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.again = false;
      this.running = this.step().then((nextMs) => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.again ? 0 : nextMs);
      });
    });
  }

  /** Plans one batch, or waits for its turn; resolves to the delay before the next step. Never rejects. */
  private async step(): Promise<number> {
    if (this.stopped) return 0;
    const { timer } = this.deps;
    const allowedAt = this.lastBatchAt + this.options.maxDeferMs;
    const quietIn = this.deps.quietIn();
    if (quietIn > 0 && timer.now() < allowedAt) return Math.min(quietIn, allowedAt - timer.now());
    try {
      const round = await planAwaitingReminders(this.deps, this.options.batch);
      for (const { caseId, error } of round.failed) this.deps.onError(error, caseId);
      if (round.planned > 0) this.lastBatchAt = timer.now();
      return round.listed === this.options.batch && round.planned > 0 ? 0 : this.options.pollMs;
    } catch (error) {
      this.deps.onError(error);
      return this.options.errorDelayMs;
    }
  }
}
