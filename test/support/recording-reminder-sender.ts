import type { ReminderSender } from '../../src/app/ports/reminders';
import type { Case } from '../../src/domain/case/case';
import type { Reminder } from '../../src/domain/reminders/reminder';

/**
 * ReminderSender that records what it was asked to send. `answer` decides each outcome (default `sent`) and may
 * throw to stand for a bug in the sender; `pause` yields to the event loop first, so that two sweeps interleave.
 */
export class RecordingReminderSender implements ReminderSender {
  readonly sent: { reminder: Reminder; caseId: string }[] = [];

  constructor(
    private readonly options: { answer?: (r: Reminder) => 'sent' | 'retry_later'; pause?: boolean } = {},
  ) {}

  async send(reminder: Reminder, c: Case): Promise<'sent' | 'retry_later'> {
    if (this.options.pause) await new Promise((resolve) => setImmediate(resolve));
    const outcome = this.options.answer?.(reminder) ?? 'sent';
    if (outcome === 'sent') this.sent.push({ reminder: structuredClone(reminder), caseId: c.id });
    return outcome;
  }

  ids(): string[] {
    return this.sent.map((s) => s.reminder.id);
  }
}
