import { isWithinWorkingHours, nextSendTime } from '../domain/calendar/working-hours';
import { eachAtOnce } from './each-at-once';
import { planAllAwaitingReminders, reminderPlansFor, type ReminderDeps } from './plan-reminders';
import type { ClaimedReminder, ReminderSender } from './ports/reminders';

export interface SweepDeps extends ReminderDeps {
  sender: ReminderSender;
}

export interface SweepOptions {
  /** Names this process in claims; random per process (the scheduler picks it). */
  instanceId: string;
  /** How long a claim holds; longer than one send takes. After it, another instance may take over. */
  leaseMs: number;
  /** How many reminders one claim takes. */
  batchSize: number;
  /** How long after a `retry_later` (or a failure) a reminder is tried again, moved into working hours. */
  retryAfterMs: number;
  /** How many cases' reminders are handled at once (default `sweepParallel`). */
  parallel?: number;
}

/**
 * Cases whose reminders one sweep handles at once. Their store writes of one turn of the event loop share a
 * commit (SQLite's group commit) or overlap their round trips (Cosmos DB); each turn runs at most this many
 * reminders' own work before requests waiting get in.
 */
export const sweepParallel = 16;

export interface SweepResult {
  /** Outside working hours nothing is claimed: what fell due waits for the next working-hours start. */
  skipped?: 'outside_working_hours';
  /** Handed to the sender (the app's queues each in the outbox, for the drainer to send) and recorded as sent. */
  sent: string[];
  /** Claimed, but the case no longer wants it (someone acted, or a later reminder superseded it). */
  resolved: string[];
  /** Given back: the sender asked to retry later, or the reminder is now due later. */
  postponed: string[];
  /** Handed on, but the claim no longer held when recording it (resolved meanwhile, or the lease ran out). */
  lost: string[];
  /** Failed with an error; given back to be retried later. The scheduler logs these. */
  failed: { reminderId: string; caseId: string; error: unknown }[];
  /**
   * Cases awaiting their reminders whose planning failed (they stay on the list), or the list itself could not be
   * read (no case id); absent when none. The scheduler logs these.
   */
  unplanned?: { caseId?: string; error: unknown }[];
}

/**
 * Hands on what fell due: claims due reminders batch by batch, checks each against the case's current state
 * (a reminder no longer wanted is resolved without sending), hands the rest to the sender (the app's queues
 * them in the outbox: docs/delivery.md, "Outbox") and records the outcome only while its claim still holds. Runs
 * only inside working hours. Up to `parallel` cases are handled at once, each case's reminders in order. Every
 * reminder is handled on its own: one failure does not hold up the others.
 */
export async function sweepReminders(deps: SweepDeps, options: SweepOptions): Promise<SweepResult> {
  const result: SweepResult = { sent: [], resolved: [], postponed: [], lost: [], failed: [] };
  // Cases whose reminders were left for later (app/follow-up-planner.ts) are planned first, at any hour, so
  // that nothing they call for is missing from what is claimed below.
  // A list that cannot be read holds up no due reminder.
  const unplanned = await planAllAwaitingReminders(deps, options.parallel ?? sweepParallel).catch((error: unknown) => [{ error }]);
  if (unplanned.length > 0) result.unplanned = unplanned;
  const now = deps.clock.now();
  if (!isWithinWorkingHours(deps.clock.toLocal(now), deps.calendar())) return { ...result, skipped: 'outside_working_hours' };
  for (;;) {
    const claimed = await deps.store.claimDueReminders({ now, instanceId: options.instanceId, leaseMs: options.leaseMs, limit: options.batchSize });
    // One case's reminders one after the other (each re-plans the case's reminders); different cases at once.
    await eachAtOnce(byCase(claimed), options.parallel ?? sweepParallel, async (ofOneCase) => {
      for (const held of ofOneCase) {
        // The store's work is synchronous on SQLite: without a turn of the event loop before each reminder, a
        // batch would hold every request waiting until the whole batch was handled; with it, a turn runs at most
        // `parallel` reminders' own work.
        await nextTurn();
        try {
          await handle(deps, options, held, now, result);
        } catch (error) {
          result.failed.push({ reminderId: held.reminder.id, caseId: held.reminder.caseId, error });
          await deps.store.releaseReminder(held.claim, retryAt(deps, now, options.retryAfterMs), deps.clock.now());
        }
      }
    });
    if (claimed.length < options.batchSize) return result;
  }
}

async function handle(deps: SweepDeps, options: SweepOptions, held: ClaimedReminder, now: string, result: SweepResult): Promise<void> {
  const { reminder, claim } = held;
  const c = await deps.store.getCase(reminder.caseId);
  const plans = c === undefined ? [] : reminderPlansFor(deps, c, now);
  const wanted = plans.find((r) => r.id === reminder.id);
  if (c === undefined || wanted === undefined) {
    await deps.store.completeReminder(claim, 'resolved', deps.clock.now());
    result.resolved.push(reminder.id);
    return;
  }
  if (wanted.dueAt > now) {
    await deps.store.releaseReminder(claim, wanted.dueAt, deps.clock.now());
    result.postponed.push(reminder.id);
    return;
  }
  // A claim that ran out may already be someone else's: do not send on it.
  if (claim.until <= deps.clock.now()) {
    result.lost.push(reminder.id);
    return;
  }
  const outcome = await deps.sender.send({ ...reminder, recipient: wanted.recipient }, c);
  if (outcome === 'retry_later') {
    await deps.store.releaseReminder(claim, retryAt(deps, now, options.retryAfterMs), deps.clock.now());
    result.postponed.push(reminder.id);
    return;
  }
  const recorded = await deps.store.completeReminder(claim, 'sent', deps.clock.now());
  (recorded ? result.sent : result.lost).push(reminder.id);
  // A series (the head teacher's) plans its next occurrence once this one is sent: reconcile with the plans
  // just made from the case as read above (an action since then re-plans on its own).
  await deps.store.replaceCaseReminders(c.id, plans, now);
}

/** The claimed reminders by case, in the order the claim gave them (a case first where its first reminder was). */
function byCase(claimed: readonly ClaimedReminder[]): ClaimedReminder[][] {
  const groups = new Map<string, ClaimedReminder[]>();
  for (const held of claimed) {
    const group = groups.get(held.reminder.caseId);
    if (group === undefined) groups.set(held.reminder.caseId, [held]);
    else group.push(held);
  }
  return [...groups.values()];
}

/** Lets the event loop take what is waiting (requests, I/O) before going on. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `afterMs` from `now`, moved to the next working-hours start when that falls outside working hours. */
function retryAt(deps: SweepDeps, now: string, afterMs: number): string {
  const later = new Date(Date.parse(now) + afterMs).toISOString();
  return deps.clock.fromLocal(nextSendTime(deps.clock.toLocal(later), deps.calendar()));
}
