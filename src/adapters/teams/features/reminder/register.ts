import type { Application, TurnState } from '@microsoft/teams-ai';
import { snoozeReminder } from '../../../../app/snooze-reminder';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderNotice, renderReminderCard } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { catalogue } from '../../i18n/i18n';
import { langOf } from '../../reply';
import { reminderSnoozeSchema } from './schemas';
import { onCardAction } from '../../card-action';

/** "Remind me again next working day" on a reminder card: answers with the card, showing when it comes again. */
export function registerReminder(app: Application<TurnState>, deps: BotDeps): void {
  onCardAction(app, verbs.reminderSnooze, async (context, data) => {
    const lang = langOf(context);
    const l = catalogue(lang).reminderCard;
    const actor = actorFrom(context);
    const parsed = reminderSnoozeSchema.safeParse(data);
    const notFound = () => renderNotice({ title: catalogue(lang).noAccess.title, text: l.notFound });
    if (!actor || !parsed.success) return notFound();
    const result = await snoozeReminder(deps, { actor, ...parsed.data });
    const directory = deps.directory();
    if (result.ok) {
      deps.log.info({ event: 'reminder.snoozed', caseId: result.value.case.id, reminderId: result.value.reminder.id });
      return renderReminderCard({ lang, directory, case: result.value.case, reminder: result.value.reminder, snoozed: true });
    }
    const error = result.error;
    deps.log.info({ event: `reminder.snooze_${error.code}` });
    switch (error.code) {
      // Reminder ids can be guessed: someone the reminder is not for learns nothing, not even that it exists.
      case 'not_found':
      case 'not_authorized':
        return notFound();
      case 'not_snoozable':
        return renderReminderCard({ lang, directory, case: error.case, reminder: error.reminder, notice: { tone: 'warning', text: l.notSnoozable } });
      default: {
        const unreachable: never = error;
        return unreachable;
      }
    }
  });
}
