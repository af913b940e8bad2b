import type { Case } from '../domain/case/case';
import type { Reminder } from '../domain/reminders/reminder';
import type { Directory } from '../domain/routing/directory';
import { deliverCaseMessage, type DeliveryDeps } from './deliver-case-message';
import type { DeliverySubject } from './ports/deliveries';
import { reminderRecipients, type ResolvedRecipients } from './reminder-recipients';

export interface SentReminder {
  outcome: 'sent' | 'retry_later';
  /** Set when the reminder named nobody who could be reached through the directory (see `reminderRecipients`). */
  skipped?: ResolvedRecipients['skipped'];
  /** How many recipients it reached now or had reached before (a sweep that re-sends after a crash). */
  delivered: number;
}

/**
 * What one reminder's delivery carries: a sweep that sends it again never reaches anyone twice (one key per
 * reminder and recipient). A snoozed reminder comes again under a key of its own, one per snooze.
 */
export const reminderSubject = (r: Reminder): DeliverySubject => ({
  what: 'reminder',
  reminderId: r.id,
  ...(r.snoozedUntil === undefined ? {} : { snoozedUntil: r.snoozedUntil }),
});

/**
 * Sends one reminder card to everyone its recipient reference stands for, once per recipient. `retry_later`
 * when a delivery failed for a transient reason (the sweep tries again with the same keys); an unreachable
 * recipient (the app is not installed for them) is final and does not hold the others up.
 */
export async function sendReminder(deps: DeliveryDeps & { directory: () => Directory }, reminder: Reminder, c: Case): Promise<SentReminder> {
  const resolved = await reminderRecipients(deps, reminder.recipient, c, deps.directory());
  let failed = false;
  let delivered = 0;
  for (const recipient of resolved.recipients) {
    const record = await deliverCaseMessage(deps, {
      case: c,
      recipient,
      subject: reminderSubject(reminder),
      message: { kind: 'reminder', case: c, reminder },
    });
    if (record.status === 'failed' || record.status === 'pending') failed = true;
    if (record.status === 'delivered') delivered += 1;
  }
  return { outcome: failed ? 'retry_later' : 'sent', delivered, ...(resolved.skipped ? { skipped: resolved.skipped } : {}) };
}
