import { showCaseTrail } from '../../../../app/show-case-trail';
import type { BotDeps } from '../../bot-deps';
import { renderAuditTrail } from '../../cards/render';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import type { BotRoutes } from '../../turn';

/** `historik FAR-2026-0042`/`history …`: a case's audit trail, for the team's coordinator or the unit's manager. */
export function registerCaseTrail(routes: BotRoutes, deps: BotDeps): void {
  routes.command(commands.caseTrailUsage, async ({ lang }) => t(lang, 'trail.usage'));
  routes.command(commands.caseTrail, async ({ lang, actor, text }) => {
    const reference = commands.caseTrail.exec(text)?.[1]?.toUpperCase() ?? '';
    if (!actor) return t(lang, 'error.apology');
    const result = await showCaseTrail(deps, actor, reference);
    if (result.ok) {
      const { case: c, entries, total } = result.value;
      return renderAuditTrail({ lang, clock: deps.clock, directory: deps.directory(), case: c, entries, total });
    }
    deps.log.info({ event: `case.trail_${result.error.code}` });
    // One answer for a reference that does not exist and one the person may not see: references cannot be probed.
    return t(lang, 'trail.notAvailable', { reference });
  });
}
