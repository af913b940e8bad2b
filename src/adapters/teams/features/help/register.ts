import { ActivityTypes } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../../bot-deps';
import { renderHelp, renderWelcome } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import { cardActivity, langOf } from '../../reply';
import { onCardAction } from '../../card-action';

/** `hjälp`/`help`, the welcome card on install, and a hint for anything the bot does not understand. */
export function registerHelp(app: Application<TurnState>, deps: BotDeps): void {
  app.message(commands.help, async (context) => {
    await context.sendActivity(cardActivity(renderHelp({ lang: langOf(context), directory: deps.directory() })));
  });
  onCardAction(app, verbs.helpShow, async (context) => renderHelp({ lang: langOf(context), directory: deps.directory() }));

  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botWasAdded) return;
    deps.log.info({ event: 'bot.installed', conversationType: context.activity.conversation.conversationType ?? 'unknown' });
    await context.sendActivity(cardActivity(renderWelcome({ lang: langOf(context), directory: deps.directory() })));
  });
}

/** Registered last: teams-ai runs the first matching route, so this only sees what no command matched. */
export function registerFallback(app: Application<TurnState>): void {
  app.activity(ActivityTypes.Message, async (context) => {
    await context.sendActivity(t(langOf(context), 'unknownCommand'));
  });
}
