import { snoozeReminder } from '../../../../app/snooze-reminder';
import type { BotDeps } from '../../bot-deps';
import { renderNotice, renderReminderCard } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { catalogue } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';
import { reminderSnoozeSchema } from './schemas';

/** "Remind me again next working day" on a reminder card: answers with the card, showing when it comes again. */
export function registerReminder(routes: BotRoutes, deps: BotDeps): void {
  routes.cardAction(verbs.reminderSnooze, reminderSnoozeSchema, async ({ lang, actor }, payload) => {
    const l = catalogue(lang).reminderCard;
    const notFound = () => renderNotice({ title: catalogue(lang).noAccess.title, text: l.notFound });
    if (!actor || !payload) return notFound();
    const result = await snoozeReminder(deps, { actor, ...payload });
    const directory = deps.directory();
    if (result.ok) {
      deps.log.info({ event: 'reminder.snoozed', caseId: result.value.case.id, reminderId: result.value.reminder.id });
      return renderReminderCard({ lang, clock: deps.clock, directory, case: result.value.case, reminder: result.value.reminder, snoozed: true });
    }
    const error = result.error;
    deps.log.info({ event: `reminder.snooze_${error.code}` });
    switch (error.code) {
      // Reminder ids can be guessed: someone the reminder is not for learns nothing, not even that it exists.
      case 'not_found':
      case 'not_authorized':
        return notFound();
      case 'not_snoozable':
        return renderReminderCard({ lang, clock: deps.clock, directory, case: error.case, reminder: error.reminder, notice: { tone: 'warning', text: l.notSnoozable } });
      default: {
        const unreachable: never = error;
        return unreachable;
      }
    }
  });
}
