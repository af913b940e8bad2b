import type { Application, TurnState } from '@microsoft/teams-ai';
import { reloadDirectory } from '../../../../app/reload-directory';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import { langOf } from '../../reply';

/** `ladda om katalogen`/`reload directory`: a directory admin reloads the routing directory file. */
export function registerAdmin(app: Application<TurnState>, deps: BotDeps): void {
  app.message(commands.reloadDirectory, async (context) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    if (!actor) return void (await context.sendActivity(t(lang, 'error.apology')));
    const result = await reloadDirectory(deps, actor);
    deps.log.info({ event: result.ok ? 'directory.reloaded' : `directory.reload_${result.error.code}` });
    if (result.ok) return void (await context.sendActivity(t(lang, 'admin.reloaded', { version: result.value.version })));
    switch (result.error.code) {
      case 'not_authorized':
        return void (await context.sendActivity(t(lang, 'admin.notAdmin')));
      case 'not_configured':
        return void (await context.sendActivity(t(lang, 'admin.notConfigured')));
      case 'invalid_directory':
        return void (await context.sendActivity(
          t(lang, 'admin.reloadFailed', { count: result.error.problems.length, first: result.error.problems[0] ?? '' }),
        ));
      default: {
        const unreachable: never = result.error;
        return unreachable;
      }
    }
  });
}
