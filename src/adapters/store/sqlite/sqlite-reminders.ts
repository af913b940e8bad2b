import { randomUUID } from 'node:crypto';
import type { Database, Transaction } from 'better-sqlite3';
import { z } from 'zod';
import type { ClaimedReminder, ReminderClaim } from '../../../app/ports/reminders';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import { assertPlansOfCase, reconcileReminders } from '../../../domain/reminders/reconcile-reminders';
import { snoozeReminder } from '../../../domain/reminders/snooze-reminder';
import { parseJsonColumn } from '../corrupt-row-error';
import { storedReminderOf, storedReminderSchema } from '../stored-reminder-schema';
import type { Statements } from './sqlite-statements';

const reminderRowSchema = z.object({ id: z.string(), body: z.string() });
const awaitingRowSchema = z.object({ case_id: z.string() });

type ClaimRequest = { now: string; instanceId: string; leaseMs: number; limit: number };
type Settlement = { claim: ReminderClaim; next: (r: Reminder) => Reminder };
type Snooze = { caseId: string; reminderId: string; until: string; at: string };

function toReminder(raw: unknown): Reminder {
  const row = reminderRowSchema.parse(raw);
  return parseJsonColumn('reminders', row.id, 'body', row.body, storedReminderSchema);
}

const later = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * The reminder part of SqliteCaseStore. Every write runs in an immediate transaction (on its own, or as a savepoint
 * of the case store's group commit, itself one), which takes SQLite's write lock before reading: two processes on
 * the same file claim one after the other, never the same row.
 */
export class SqliteReminders {
  private readonly replaceOnce: Transaction<(caseId: string, planned: readonly ReminderPlan[], at: string) => void>;
  private readonly claimOnce: Transaction<(request: ClaimRequest) => ClaimedReminder[]>;
  private readonly settleOnce: Transaction<(s: Settlement) => boolean>;
  private readonly snoozeOnce: Transaction<(s: Snooze) => Reminder | undefined>;

  constructor(
    db: Database,
    private readonly statements: Statements,
  ) {
    this.replaceOnce = db.transaction((caseId: string, planned: readonly ReminderPlan[], at: string) => {
      const { created, changed } = reconcileReminders(this.listForCase(caseId), planned, at);
      for (const r of created) statements.insertReminder.run(columnsOf(r));
      for (const r of changed) statements.updatePendingReminder.run(columnsOf(r));
      statements.remindersPlanned.run(caseId);
    });

    this.claimOnce = db.transaction(({ now, instanceId, leaseMs, limit }: ClaimRequest): ClaimedReminder[] => {
      const due = statements.dueReminders.all({ now, limit: Math.max(0, Math.floor(limit)) }).map(toReminder);
      return due.map((found) => {
        const reminder = storedReminderOf({ ...found, attempts: found.attempts + 1, updatedAt: now });
        const claim: ReminderClaim = { reminderId: reminder.id, token: `${instanceId}:${randomUUID()}`, until: later(now, leaseMs) };
        statements.claimReminder.run({ id: reminder.id, token: claim.token, until: claim.until, body: JSON.stringify(reminder) });
        return { reminder, claim };
      });
    });

    this.settleOnce = db.transaction(({ claim, next }: Settlement): boolean => {
      const row: unknown = statements.claimedReminder.get(claim.reminderId, claim.token);
      if (row === undefined) return false;
      const settled = storedReminderOf(next(toReminder(row)));
      const { changes } = statements.settleReminder.run({ ...columnsOf(settled), token: claim.token });
      return changes === 1;
    });

    this.snoozeOnce = db.transaction(({ caseId, reminderId, until, at }: Snooze): Reminder | undefined => {
      const row: unknown = statements.reminderById.get(reminderId);
      const found = row === undefined ? undefined : toReminder(row);
      const next = found === undefined || found.caseId !== caseId ? undefined : snoozeReminder(found, until, at);
      if (next === undefined) return undefined;
      statements.snoozeReminder.run(columnsOf(next));
      return storedReminderOf(next);
    });
  }

  snooze(request: Snooze): Reminder | undefined {
    return this.snoozeOnce.immediate(request);
  }

  replace(caseId: string, planned: readonly ReminderPlan[], at: string): void {
    assertPlansOfCase(caseId, planned);
    this.replaceOnce.immediate(caseId, planned, at);
  }

  /** Puts a new case on the list of cases awaiting their reminders; inside the case's own transaction. */
  planLater(caseId: string, at: string): void {
    this.statements.markRemindersToPlan.run(caseId, at);
  }

  listAwaiting(limit: number): string[] {
    return this.statements.casesAwaitingReminders.all(Math.max(0, Math.floor(limit))).map((row) => awaitingRowSchema.parse(row).case_id);
  }

  listForCase(caseId: string): Reminder[] {
    return this.statements.remindersByCase.all(caseId).map(toReminder);
  }

  claimDue(request: ClaimRequest): ClaimedReminder[] {
    return this.claimOnce.immediate(request);
  }

  complete(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): boolean {
    return this.settleOnce.immediate({
      claim,
      next: (r) => (outcome === 'sent' ? { ...r, status: 'sent', sentAt: at, updatedAt: at } : { ...r, status: 'resolved', resolvedAt: at, updatedAt: at }),
    });
  }

  release(claim: ReminderClaim, retryAt: string, at: string): boolean {
    return this.settleOnce.immediate({ claim, next: (r) => ({ ...r, dueAt: retryAt, updatedAt: at }) });
  }
}

/** The queried columns are copies of fields in `body`; they are always written together. */
function columnsOf(r: Reminder) {
  const stored = storedReminderOf(r);
  return { id: stored.id, caseId: stored.caseId, status: stored.status, dueAt: stored.dueAt, body: JSON.stringify(stored) };
}
