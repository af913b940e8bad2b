import type { Reminder, ReminderPlan } from './reminder';

export interface ReminderChanges {
  /** Planned reminders not stored yet, as new pending ones. */
  created: Reminder[];
  /** Stored pending reminders with a new due time or recipient, or resolved because nobody wants them now. */
  changed: Reminder[];
}

/** A snoozed reminder is due at the later of its planned time and its snooze; ISO UTC strings sort as instants. */
const dueOf = (r: Reminder, p: ReminderPlan): string => (r.snoozedUntil !== undefined && r.snoozedUntil > p.dueAt ? r.snoozedUntil : p.dueAt);

const samePlan = (r: Reminder, p: ReminderPlan): boolean =>
  r.dueAt === dueOf(r, p) && JSON.stringify(r.recipient) === JSON.stringify(p.recipient) && r.subject === p.subject;

/**
 * What reconciling a case's stored reminders with its planned ones changes: planned and absent → created;
 * pending and planned with another due time or recipient → updated; pending and not planned → resolved (acting
 * resolves at once). A snooze on a pending reminder holds: it stays due no earlier than `snoozedUntil`, unless
 * the plan moves it later anyway. Sent and resolved reminders are final and never change, even if planned again.
 */
export function reconcileReminders(stored: readonly Reminder[], planned: readonly ReminderPlan[], at: string): ReminderChanges {
  const byId = new Map(stored.map((r) => [r.id, r]));
  const plannedIds = new Set(planned.map((p) => p.id));
  const created: Reminder[] = [];
  const changed: Reminder[] = [];
  for (const p of planned) {
    const current = byId.get(p.id);
    if (current === undefined) created.push({ ...p, status: 'pending', attempts: 0, createdAt: at, updatedAt: at });
    else if (current.status === 'pending' && !samePlan(current, p))
      changed.push({ ...current, dueAt: dueOf(current, p), recipient: p.recipient, subject: p.subject, updatedAt: at });
  }
  for (const r of stored) {
    if (r.status === 'pending' && !plannedIds.has(r.id)) changed.push({ ...r, status: 'resolved', resolvedAt: at, updatedAt: at });
  }
  return { created, changed };
}

/** Throws when a plan names another case than the one being reconciled: a caller bug, not a state. */
export function assertPlansOfCase(caseId: string, planned: readonly ReminderPlan[]): void {
  const stray = planned.find((p) => p.caseId !== caseId);
  if (stray) throw new Error(`Reminder ${stray.id} belongs to case ${stray.caseId}, not to case ${caseId} being reconciled`);
  const ids = planned.map((p) => p.id);
  if (new Set(ids).size !== ids.length) throw new Error(`Case ${caseId}: the same reminder id is planned twice`);
}
