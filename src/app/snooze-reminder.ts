import type { Actor, Case } from '../domain/case/case';
import { nextSendTime } from '../domain/calendar/working-hours';
import { nextWorkingDay } from '../domain/calendar/working-days';
import { err, ok, type Result } from '../domain/errors';
import { snoozeReminder as snoozed } from '../domain/reminders/snooze-reminder';
import type { Reminder } from '../domain/reminders/reminder';
import type { ReminderDeps } from './plan-reminders';
import { isReminderRecipient } from './reminder-recipients';

export type SnoozeError =
  | { code: 'not_found' }
  | { code: 'not_authorized' }
  | { code: 'not_snoozable'; case: Case; reminder: Reminder };

/**
 * "Remind me again next working day": only someone the reminder is for (by the directory, never by the card)
 * may snooze it. It becomes due at the start of working hours on the next working day, or later if it was
 * planned later anyway; re-planning keeps the snooze. Every attempt is audited. A refusal carries nothing of the
 * case or the reminder, so that no caller can show it.
 */
export async function snoozeReminder(
  deps: ReminderDeps,
  cmd: { actor: Actor; caseId: string; reminderId: string },
): Promise<Result<{ case: Case; reminder: Reminder }, SnoozeError>> {
  const at = deps.clock.now();
  const c = await deps.store.getCase(cmd.caseId);
  const reminder = c === undefined ? undefined : (await deps.store.listRemindersForCase(c.id)).find((r) => r.id === cmd.reminderId);
  if (c === undefined || reminder === undefined || c.tenantId !== cmd.actor.tenantId) return err({ code: 'not_found' });
  const audit = (action: string, detail: Record<string, string>) =>
    deps.store.appendAudit({ at, actorId: cmd.actor.userId, action, caseId: c.id, detail: { kind: reminder.kind, step: reminder.step, ...detail } });
  if (!isReminderRecipient(cmd.actor.userId, reminder.recipient, c, deps.directory())) {
    await audit('reminder.snooze_refused', { reason: 'not_authorized' });
    return err({ code: 'not_authorized' });
  }
  const rules = deps.calendar();
  const start = nextSendTime({ date: nextWorkingDay(deps.clock.today(), rules), time: '00:00' }, rules);
  const until = deps.clock.fromLocal(start);
  if (snoozed(reminder, until, at) === undefined) {
    await audit('reminder.snooze_refused', { reason: 'not_snoozable' });
    return err({ code: 'not_snoozable', case: c, reminder });
  }
  const stored = await deps.store.snoozeReminder(c.id, reminder.id, until, at);
  if (stored === undefined) return err({ code: 'not_snoozable', case: c, reminder });
  await audit('reminder.snoozed', { until });
  return ok({ case: c, reminder: stored });
}
