import type { DrainTimer } from './outbox/outbox-drainer';
import { planAllAwaitingFirstMessages, planAwaitingFirstMessages, type FirstMessagesDeps } from './first-messages';
import { planAllAwaitingReminders, planAwaitingReminders, type ReminderDeps } from './plan-reminders';

export interface FollowUpPlannerDeps extends ReminderDeps, FirstMessagesDeps {
  store: ReminderDeps['store'] & FirstMessagesDeps['store'];
  /** The planner's time and timer (the drainer's kind: epoch ms, a timer that does not keep the process alive). */
  timer: DrainTimer;
  /**
   * How long requests keep planning waiting: 0 once none has been answered for a moment, otherwise the time
   * until that moment at the soonest. While it is above 0, planning takes `busyBatch` cases every `busyEveryMs`.
   */
  quietIn: () => number;
  /** A case whose planning failed (it stays on its list and is tried again), or a store failure. */
  onError: (error: unknown, caseId?: string) => void;
}

export interface FollowUpPlannerOptions {
  /** Cases planned at once from each list: one event-loop turn's work, whose writes share a commit on SQLite. */
  batch: number;
  /**
   * While requests keep coming, `busyBatch` cases from each list every `busyEveryMs`: the lists cannot grow
   * without end, and each turn taken from the requests stays short.
   */
  busyBatch: number;
  busyEveryMs: number;
  /** With nothing awaiting, looks again this often (for cases another instance left when it stopped). */
  pollMs: number;
  /** After a store failure, tries again this much later. */
  errorDelayMs: number;
}

export const defaultFollowUpPlannerOptions: FollowUpPlannerOptions = { batch: 16, busyBatch: 2, busyEveryMs: 125, pollMs: 10_000, errorDelayMs: 5_000 };

/**
 * Plans what a new case's answer left for later (docs/delivery.md, "What a new case leaves for after the
 * answer"): its first messages (a report's cards to its team) and its reminders. A report is answered once its
 * case and audit rows are stored with two marks, which the store keeps with the case, so a restart loses
 * nothing; the planner works through the lists of marked cases. When no request has been answered for a moment
 * it takes them batch after batch; while requests keep coming, a couple of cases from each list every eighth of a
 * second, so a burst of reports is answered first and the lists still shrink (16 cases a second are about the
 * cards Teams lets a tenant send in that second). The reminder sweep also plans every case awaiting reminders before it claims, so a due
 * reminder is never missed for want of planning.
 */
export class FollowUpPlanner {
  private readonly options: FollowUpPlannerOptions;
  private stopped = true;
  private running: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  /** Woken while a step ran: look again right after it. */
  private again = false;

  constructor(
    private readonly deps: FollowUpPlannerDeps,
    options: Partial<FollowUpPlannerOptions> = {},
  ) {
    this.options = { ...defaultFollowUpPlannerOptions, ...options };
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

  /** Ends the batch in progress, if any; what is still on the lists stays there for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    await this.running;
  }

  /** Plans everything on both lists now, whether requests are coming or not: tests and the benchmark. */
  async idle(): Promise<void> {
    await this.running;
    const failed = [...(await planAllAwaitingFirstMessages(this.deps, this.options.batch)), ...(await planAllAwaitingReminders(this.deps, this.options.batch))];
    for (const { caseId, error } of failed) this.deps.onError(error, caseId);
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

  /** Plans one batch from each list, or waits for its turn; resolves to the delay before the next step. Never rejects. */
  private async step(): Promise<number> {
    if (this.stopped) return 0;
    const { timer } = this.deps;
    const allowedAt = this.lastBatchAt + this.options.busyEveryMs;
    const quietIn = this.deps.quietIn();
    if (quietIn > 0 && timer.now() < allowedAt) return Math.min(quietIn, allowedAt - timer.now());
    const batch = quietIn > 0 ? this.options.busyBatch : this.options.batch;
    try {
      // The cards first: people wait for those; the reminders fall due days later.
      const rounds = [await planAwaitingFirstMessages(this.deps, batch), await planAwaitingReminders(this.deps, batch)];
      for (const { caseId, error } of rounds.flatMap((r) => r.failed)) this.deps.onError(error, caseId);
      if (rounds.some((r) => r.planned > 0)) this.lastBatchAt = timer.now();
      return rounds.some((r) => r.listed === batch && r.planned > 0) ? 0 : this.options.pollMs;
    } catch (error) {
      this.deps.onError(error);
      return this.options.errorDelayMs;
    }
  }
}
