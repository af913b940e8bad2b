import type { Application, TurnState } from '@microsoft/teams-ai';
import { listMyReports } from '../../../../app/list-my-reports';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderMyCases } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { t } from '../../i18n/i18n';
import { cardActivity, langOf } from '../../reply';

/** `mina ärenden`/`my cases` for a reporter: their own reports with process status only. */
export function registerMyReports(app: Application<TurnState>, deps: BotDeps): void {
  const render = async (context: Parameters<Parameters<Application<TurnState>['message']>[1]>[0]) => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    if (!actor) return t(lang, 'error.apology');
    const cases = await listMyReports(deps, actor);
    return renderMyCases({ lang, directory: deps.directory(), cases });
  };
  app.message(commands.myCases, async (context) => {
    const card = await render(context);
    await context.sendActivity(typeof card === 'string' ? card : cardActivity(card));
  });
  app.adaptiveCards.actionExecute(verbs.casesMine, async (context) => render(context));
}
