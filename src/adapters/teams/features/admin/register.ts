import { reloadDirectory } from '../../../../app/reload-directory';
import type { BotDeps } from '../../bot-deps';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';

/** `ladda om katalogen`/`reload directory`: a directory admin reloads the routing directory file. */
export function registerAdmin(routes: BotRoutes, deps: BotDeps): void {
  routes.command(commands.reloadDirectory, async ({ lang, actor }) => {
    if (!actor) return t(lang, 'error.apology');
    const result = await reloadDirectory(deps, actor);
    deps.log.info({ event: result.ok ? 'directory.reloaded' : `directory.reload_${result.error.code}` });
    if (result.ok) return t(lang, 'admin.reloaded', { version: result.value.version });
    switch (result.error.code) {
      case 'not_authorized':
        return t(lang, 'admin.notAdmin');
      case 'not_configured':
        return t(lang, 'admin.notConfigured');
      case 'invalid_directory':
        return t(lang, 'admin.reloadFailed', { count: result.error.problems.length, first: result.error.problems[0] ?? '' });
      default: {
        const unreachable: never = result.error;
        return unreachable;
      }
    }
  });
}
