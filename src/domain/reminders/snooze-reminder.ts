import type { Reminder } from './reminder';

/**
 * A reminder snoozed until `until` (an ISO instant): pending again, due no earlier than then, the snooze
 * remembered so that re-planning keeps it. A sent reminder is re-opened, so that it comes again; the sweep
 * still checks the case first. Undefined when it cannot be snoozed: resolved (nobody needs it), or an
 * escalation (the coordinator or manager is told because the reminder was not acted on).
 */
export function snoozeReminder(r: Reminder, until: string, at: string): Reminder | undefined {
  if (r.status === 'resolved' || r.step === 'escalation') return undefined;
  const dueAt = r.status === 'pending' && r.dueAt > until ? r.dueAt : until;
  return { ...r, status: 'pending', dueAt, snoozedUntil: until, updatedAt: at };
}
