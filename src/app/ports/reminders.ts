import type { Case } from '../../domain/case/case';
import type { Reminder, ReminderPlan } from '../../domain/reminders/reminder';

/**
 * A sweep's hold on one due reminder until `until` (an ISO instant). `token` is opaque to callers: it is
 * different for every claim, and a store may encode in it where the reminder lives.
 */
export interface ReminderClaim {
  reminderId: string;
  token: string;
  until: string;
}

export interface ClaimedReminder {
  reminder: Reminder;
  claim: ReminderClaim;
}

/** A case's reminders: planned from its state, claimed by one sweep at a time when due, snoozed, completed. */
export interface ReminderStore {
  /**
   * Reconciles a case's stored reminders with the ones its current state calls for: adds the new ones as
   * pending, updates pending ones whose due time or recipient changed, resolves pending ones not in
   * `planned` (someone acted), and never touches a sent or resolved one. Idempotent.
   */
  replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void>;
  /**
   * Cases created with `reminders: 'later'` (`NewCaseWith`) whose reminders nobody has planned since: their
   * ids, longest waiting first, at most `limit`. `replaceCaseReminders` takes a case off this list.
   */
  listCasesAwaitingReminders(limit: number): Promise<string[]>;
  /** Every reminder of a case, whatever its status, soonest due first. */
  listRemindersForCase(caseId: string): Promise<Reminder[]>;
  /**
   * Atomically claims up to `limit` pending reminders due at `now` that nobody holds (never claimed, or the
   * claim's lease ran out: its holder died), soonest due first. Of concurrent claimers exactly one gets each
   * reminder. Work is proportional to the reminders due, not to all cases.
   */
  claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]>;
  /**
   * Snoozes reminder `reminderId` of case `caseId` until `until` (domain/reminders/snooze-reminder.ts): pending
   * again, due no earlier than then, and any claim on it dropped. Undefined when there is no such reminder or
   * it cannot be snoozed; the reminder as stored otherwise.
   */
  snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined>;
  /** Marks a claimed reminder sent or resolved, only if `claim` still holds it; false when it does not. */
  completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean>;
  /** Gives a claimed reminder back as pending, due again at `retryAt`, only if `claim` still holds it. */
  releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean>;
}

/**
 * Hands one due reminder about a case on for delivery to its recipients (the app's: `OutboxReminderSender`,
 * which queues it in the outbox). Must be idempotent per reminder: a sweep that died after handing it on and
 * before recording it hands it on again after its lease, and nobody may get it twice. `retry_later` when it
 * cannot take the reminder now; a delivery failure is not the sweep's to retry.
 */
export interface ReminderSender {
  send(reminder: Reminder, c: Case): Promise<'sent' | 'retry_later'>;
}
