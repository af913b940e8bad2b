import type { Application, TurnState } from '@microsoft/teams-ai';
import { showCaseTrail } from '../../../../app/show-case-trail';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderAuditTrail } from '../../cards/render';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import { cardActivity, langOf } from '../../reply';

/** `historik FAR-2026-0042`/`history …`: a case's audit trail, for the team's coordinator or the unit's manager. */
export function registerCaseTrail(app: Application<TurnState>, deps: BotDeps): void {
  app.message(commands.caseTrail, async (context) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const reference = commands.caseTrail.exec(context.activity.text ?? '')?.[1]?.toUpperCase() ?? '';
    if (!actor) return void (await context.sendActivity(t(lang, 'error.apology')));
    const result = await showCaseTrail(deps, actor, reference);
    if (result.ok) {
      const { case: c, entries, total } = result.value;
      return void (await context.sendActivity(cardActivity(renderAuditTrail({ lang, directory: deps.directory(), case: c, entries, total }))));
    }
    deps.log.info({ event: `case.trail_${result.error.code}` });
    // One answer for a reference that does not exist and one the person may not see: references cannot be probed.
    await context.sendActivity(t(lang, 'trail.notAvailable', { reference }));
  });
}
