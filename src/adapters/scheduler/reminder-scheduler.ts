import { randomUUID } from 'node:crypto';
import type { SweepOptions, SweepResult } from '../../app/sweep-reminders';
import type { Logger } from '../log/logger';

export interface ReminderSchedulerOptions {
  /** Runs one sweep (sweepReminders with its deps bound). */
  sweep: (options: SweepOptions) => Promise<SweepResult>;
  log: Pick<Logger, 'info' | 'error'>;
  /** Pause between the end of one sweep and the start of the next. */
  intervalMs: number;
  leaseMs: number;
  batchSize: number;
  retryAfterMs: number;
  /** Defaults to a random id per process, so that claims of two instances never look alike. */
  instanceId?: string;
}

export interface ReminderScheduler {
  readonly instanceId: string;
  /** Stops scheduling and resolves once a sweep that is running has finished. */
  stop(): Promise<void>;
}

/**
 * Sweeps due reminders every `intervalMs` (reminder durability lives in the store, not in these timers: a
 * restart simply sweeps again). One sweep at a time per process; the next is scheduled when the last ends.
 * Logs counts and ids only, never case content.
 */
export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const instanceId = options.instanceId ?? `bot-${randomUUID()}`;
  const sweepOptions: SweepOptions = { instanceId, leaseMs: options.leaseMs, batchSize: options.batchSize, retryAfterMs: options.retryAfterMs };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<void> => {
    try {
      const result = await options.sweep(sweepOptions);
      for (const f of result.unplanned ?? []) {
        options.log.error({ event: 'reminder.plan_failed', ...(f.caseId === undefined ? {} : { caseId: f.caseId }), errorName: f.error instanceof Error ? f.error.name : 'unknown' });
      }
      for (const f of result.failed) {
        options.log.error({ event: 'reminder.send_failed', reminderId: f.reminderId, caseId: f.caseId, errorName: f.error instanceof Error ? f.error.name : 'unknown' });
      }
      const counts = { sent: result.sent.length, resolved: result.resolved.length, postponed: result.postponed.length, lost: result.lost.length, failed: result.failed.length };
      if (Object.values(counts).some((n) => n > 0)) options.log.info({ event: 'reminder.swept', instanceId, ...counts });
    } catch (error) {
      options.log.error({ event: 'reminder.sweep_failed', instanceId, errorName: error instanceof Error ? error.name : 'unknown' });
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().finally(schedule);
    }, options.intervalMs);
    timer.unref?.();
  };
  schedule();

  return {
    instanceId,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
