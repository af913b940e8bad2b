import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReminderScheduler, type ReminderScheduler } from '../../../../src/adapters/scheduler/reminder-scheduler';
import type { SweepOptions, SweepResult } from '../../../../src/app/sweep-reminders';

const nothing: SweepResult = { sent: [], resolved: [], postponed: [], lost: [], failed: [] };

describe('the reminder scheduler', () => {
  let scheduler: ReminderScheduler | undefined;
  const logged: { level: string; entry: object }[] = [];
  const log = {
    info: (entry: object) => logged.push({ level: 'info', entry }),
    error: (entry: object) => logged.push({ level: 'error', entry }),
  };
  const start = (sweep: (o: SweepOptions) => Promise<SweepResult>, instanceId?: string) =>
    startReminderScheduler({ sweep, log, intervalMs: 60_000, leaseMs: 300_000, batchSize: 50, retryAfterMs: 900_000, ...(instanceId ? { instanceId } : {}) });

  beforeEach(() => {
    vi.useFakeTimers();
    logged.splice(0);
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    vi.useRealTimers();
  });

  it('sweeps once per interval with its own instance id and the configured lease', async () => {
    const calls: SweepOptions[] = [];
    scheduler = start(async (o) => {
      calls.push(o);
      return nothing;
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({ instanceId: scheduler.instanceId, leaseMs: 300_000, batchSize: 50, retryAfterMs: 900_000 });
    expect(scheduler.instanceId).toMatch(/^bot-[0-9a-f-]{36}$/);
  });

  it('gives two processes different instance ids', () => {
    const a = start(async () => nothing);
    const b = start(async () => nothing);
    expect(a.instanceId).not.toBe(b.instanceId);
    void a.stop();
    void b.stop();
  });

  it('never runs two sweeps at once: the next interval starts when a slow sweep ends', async () => {
    let running = 0;
    let most = 0;
    scheduler = start(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 150_000));
      running -= 1;
      return nothing;
    });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(most).toBe(1);
    const stopped = scheduler.stop();
    await vi.advanceTimersByTimeAsync(150_000);
    await stopped;
  });

  it('keeps sweeping after a sweep fails, and logs ids and counts only', async () => {
    let round = 0;
    scheduler = start(async () => {
      round += 1;
      if (round === 1) throw new TypeError('store unreachable');
      return { ...nothing, sent: ['case-1:unassigned_case:reminder:inbox'], failed: [{ reminderId: 'case-2:consent_expiry:reminder:2027-01-10', caseId: 'case-2', error: new RangeError('x') }] };
    }, 'instance-x');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(logged).toEqual([
      { level: 'error', entry: { event: 'reminder.sweep_failed', instanceId: 'instance-x', errorName: 'TypeError' } },
      { level: 'error', entry: { event: 'reminder.send_failed', reminderId: 'case-2:consent_expiry:reminder:2027-01-10', caseId: 'case-2', errorName: 'RangeError' } },
      { level: 'info', entry: { event: 'reminder.swept', instanceId: 'instance-x', sent: 1, resolved: 0, postponed: 0, lost: 0, failed: 1 } },
    ]);
  });

  it('stops: no sweep after stop, and stop waits for the sweep that is running', async () => {
    let finished = 0;
    let calls = 0;
    const s = start(async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      finished += 1;
      return nothing;
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await stopped;
    expect(finished).toBe(1);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(calls).toBe(1);
  });
});
