import type { Case } from '../domain/case/case';
import type { Reminder } from '../domain/reminders/reminder';
import type { Directory } from '../domain/routing/directory';
import type { OutboxStore } from './outbox/outbox-store';
import { outboxMessageOf } from './outgoing-messages';
import type { AddressBook } from './ports/addresses';
import type { Clock } from './ports/clock';
import type { DeliverySubject } from './ports/deliveries';
import type { OutboxSignal } from './ports/outbox';
import type { ReminderSender } from './ports/reminders';
import { reminderRecipients, type ResolvedRecipients } from './reminder-recipients';

/**
 * What one reminder's delivery carries: a sweep that queues it again never reaches anyone twice (one key per
 * reminder and recipient). A snoozed reminder comes again under a key of its own, one per snooze.
 */
export const reminderSubject = (r: Reminder): DeliverySubject => ({
  what: 'reminder',
  reminderId: r.id,
  ...(r.snoozedUntil === undefined ? {} : { snoozedUntil: r.snoozedUntil }),
});

/** What the reminder sender did, for logs: ids and counts only, never content. */
export type ReminderEvent = { reminderId: string; caseId: string; kind: Reminder['kind']; step: Reminder['step'] } & (
  | { event: 'reminder.queued'; recipients: number }
  | { event: 'reminder.no_recipient'; reason: NonNullable<ResolvedRecipients['skipped']> }
);

export interface OutboxReminderSenderDeps {
  store: Pick<AddressBook, 'getAddress'> & { readonly outbox: Pick<OutboxStore, 'enqueue'> };
  clock: Pick<Clock, 'now'>;
  directory: () => Directory;
  /** Wakes the outbox's drainer once a reminder's messages are queued. */
  drainer: OutboxSignal;
  onEvent?: (event: ReminderEvent) => void;
}

/**
 * The ReminderSender on the outbox: one message per person or channel the reminder names
 * (`reminderRecipients`), under the reminder's delivery key for that recipient, in the recipient's
 * conversation lane, so reminder cards leave at Teams' limits with the case cards (docs/delivery.md, "Outbox").
 * A sweep that queues a reminder again after a crash reaches nobody twice: a message still waiting under the
 * key is not queued twice, and a key already delivered is not sent again. A reminder nobody can receive (no
 * head teacher in the directory) counts as handed on and is reported as `reminder.no_recipient`.
 */
export class OutboxReminderSender implements ReminderSender {
  constructor(private readonly deps: OutboxReminderSenderDeps) {}

  async send(reminder: Reminder, c: Case): Promise<'sent'> {
    const { store, clock, directory, drainer } = this.deps;
    const resolved = await reminderRecipients(this.deps, reminder.recipient, c, directory());
    const ids = { reminderId: reminder.id, caseId: c.id, kind: reminder.kind, step: reminder.step };
    if (resolved.skipped !== undefined) {
      this.deps.onEvent?.({ event: 'reminder.no_recipient', reason: resolved.skipped, ...ids });
      return 'sent';
    }
    const subject = reminderSubject(reminder);
    const messages = resolved.recipients.map((to) => outboxMessageOf(c, to, subject));
    if (messages.length > 0) {
      await store.outbox.enqueue(messages, clock.now());
      drainer.wake();
    }
    this.deps.onEvent?.({ event: 'reminder.queued', recipients: messages.length, ...ids });
    return 'sent';
  }
}
