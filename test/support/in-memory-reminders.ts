import { randomUUID } from 'node:crypto';
import type { ClaimedReminder, ReminderClaim } from '../../src/app/ports/reminders';
import type { Reminder, ReminderPlan } from '../../src/domain/reminders/reminder';
import { assertPlansOfCase, reconcileReminders } from '../../src/domain/reminders/reconcile-reminders';
import { snoozeReminder } from '../../src/domain/reminders/snooze-reminder';

interface Held {
  reminder: Reminder;
  claim?: ReminderClaim;
}

const byDue = (a: Reminder, b: Reminder): number => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const later = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * The reminder part of InMemoryCaseStore. Each method runs without awaiting, so a claim is atomic. The due
 * sweep scans everything: fine for tests, which is all this is for.
 */
export class InMemoryReminders {
  private readonly held = new Map<string, Held>();

  replace(caseId: string, planned: readonly ReminderPlan[], at: string): void {
    assertPlansOfCase(caseId, planned);
    const stored = [...this.held.values()].filter((h) => h.reminder.caseId === caseId).map((h) => h.reminder);
    const { created, changed } = reconcileReminders(stored, planned, at);
    for (const r of created) this.held.set(r.id, { reminder: structuredClone(r) });
    for (const r of changed) {
      const current = this.held.get(r.id);
      // A resolved reminder is nobody's to send any more: its claim goes with it.
      this.held.set(r.id, r.status === 'pending' && current?.claim ? { reminder: structuredClone(r), claim: current.claim } : { reminder: structuredClone(r) });
    }
  }

  listForCase(caseId: string): Reminder[] {
    return [...this.held.values()].map((h) => h.reminder).filter((r) => r.caseId === caseId).sort(byDue).map((r) => structuredClone(r));
  }

  claimDue(request: { now: string; instanceId: string; leaseMs: number; limit: number }): ClaimedReminder[] {
    const { now, instanceId, leaseMs, limit } = request;
    const due = [...this.held.values()]
      .filter((h) => h.reminder.status === 'pending' && h.reminder.dueAt <= now && (h.claim === undefined || h.claim.until <= now))
      .sort((a, b) => byDue(a.reminder, b.reminder))
      .slice(0, Math.max(0, Math.floor(limit)));
    return due.map((h) => {
      const claim: ReminderClaim = { reminderId: h.reminder.id, token: `${instanceId}:${randomUUID()}`, until: later(now, leaseMs) };
      const reminder: Reminder = { ...h.reminder, attempts: h.reminder.attempts + 1, updatedAt: now };
      this.held.set(reminder.id, { reminder, claim });
      return { reminder: structuredClone(reminder), claim: { ...claim } };
    });
  }

  snooze(caseId: string, reminderId: string, until: string, at: string): Reminder | undefined {
    const h = this.held.get(reminderId);
    const next = h === undefined || h.reminder.caseId !== caseId ? undefined : snoozeReminder(h.reminder, until, at);
    if (next === undefined) return undefined;
    this.held.set(next.id, { reminder: structuredClone(next) });
    return structuredClone(next);
  }

  complete(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): boolean {
    const h = this.heldBy(claim);
    if (h === undefined) return false;
    const reminder: Reminder = outcome === 'sent' ? { ...h.reminder, status: 'sent', sentAt: at, updatedAt: at } : { ...h.reminder, status: 'resolved', resolvedAt: at, updatedAt: at };
    this.held.set(reminder.id, { reminder });
    return true;
  }

  release(claim: ReminderClaim, retryAt: string, at: string): boolean {
    const h = this.heldBy(claim);
    if (h === undefined) return false;
    this.held.set(h.reminder.id, { reminder: { ...h.reminder, dueAt: retryAt, updatedAt: at } });
    return true;
  }

  private heldBy(claim: ReminderClaim): Held | undefined {
    const h = this.held.get(claim.reminderId);
    return h !== undefined && h.reminder.status === 'pending' && h.claim?.token === claim.token ? h : undefined;
  }
}
