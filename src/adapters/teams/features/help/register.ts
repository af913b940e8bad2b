import { z } from 'zod';
import type { BotDeps } from '../../bot-deps';
import { renderHelp, renderWelcome } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';

/** `hjälp`/`help`, the welcome card on install, and a hint for anything the bot does not understand. */
export function registerHelp(routes: BotRoutes, deps: BotDeps): void {
  routes.command(commands.help, async (turn) => renderHelp({ lang: turn.lang, directory: deps.directory() }));
  routes.cardAction(verbs.helpShow, z.unknown(), async (turn) => renderHelp({ lang: turn.lang, directory: deps.directory() }));

  routes.installed(async (turn) => {
    deps.log.info({ event: 'bot.installed', conversationType: turn.conversation.type ?? 'unknown' });
    return renderWelcome({ lang: turn.lang, directory: deps.directory() });
  });
}

/** Registered last: the first matching route answers, so this only sees what no command matched. */
export function registerFallback(routes: BotRoutes): void {
  routes.fallback(async (turn) => t(turn.lang, 'unknownCommand'));
}
