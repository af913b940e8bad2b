import type { DeliveryDeps } from '../../app/deliver-case-message';
import type { ReminderSender } from '../../app/ports/reminders';
import { sendReminder } from '../../app/send-reminder';
import type { Case } from '../../domain/case/case';
import type { Reminder } from '../../domain/reminders/reminder';
import type { Directory } from '../../domain/routing/directory';
import type { Logger } from '../log/logger';

export interface TeamsReminderSenderDeps extends DeliveryDeps {
  directory: () => Directory;
  log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The ReminderSender on Teams: a reminder card to every person or channel the reminder names, through the
 * same Messenger and delivery records as case cards, one delivery key per reminder and recipient
 * (`case:<id>:reminder-<reminderId>:<recipient>`), so a sweep that sends again after a crash reaches no one twice.
 * A reminder nobody can receive (no head teacher in the directory) counts as sent and is logged.
 */
export class TeamsReminderSender implements ReminderSender {
  constructor(private readonly deps: TeamsReminderSenderDeps) {}

  async send(reminder: Reminder, c: Case): Promise<'sent' | 'retry_later'> {
    const result = await sendReminder(this.deps, reminder, c);
    const ids = { reminderId: reminder.id, caseId: c.id, kind: reminder.kind, step: reminder.step };
    if (result.skipped !== undefined) this.deps.log.warn({ event: 'reminder.no_recipient', reason: result.skipped, ...ids });
    else this.deps.log.info({ event: result.outcome === 'sent' ? 'reminder.sent' : 'reminder.send_postponed', delivered: result.delivered, ...ids });
    return result.outcome;
  }
}
