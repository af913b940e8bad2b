import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { listMyHandovers } from '../../../../app/list-my-handovers';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderMyHandovers, renderNotice, type AdaptiveCardJson } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { catalogue, t } from '../../i18n/i18n';
import { cardActivity, langOf } from '../../reply';
import { deadlinesOf } from './respond';
import { onCardAction } from '../../card-action';

/** `mina överlämningar`/`my handovers`: an investigator's unacknowledged and open handovers. */
export function registerMyHandovers(app: Application<TurnState>, deps: BotDeps): void {
  const render = async (context: TurnContext): Promise<AdaptiveCardJson | string> => {
    const lang = langOf(context);
    const actor = actorFrom(context);
    const cases = actor ? await listMyHandovers(deps, actor) : undefined;
    if (!cases) return t(lang, 'handoversNotInUnit');
    const items = cases.map((c) => {
      const deadlines = deadlinesOf(deps, c);
      return deadlines ? { case: c, deadlines } : { case: c };
    });
    return renderMyHandovers({ lang, directory: deps.directory(), now: deps.clock.now(), items });
  };
  app.message(commands.myHandovers, async (context) => {
    const answer = await render(context);
    await context.sendActivity(typeof answer === 'string' ? answer : cardActivity(answer));
  });
  onCardAction(app, verbs.handoversMine, async (context) => {
    const answer = await render(context);
    if (typeof answer !== 'string') return answer;
    return renderNotice({ title: catalogue(langOf(context)).myHandovers.title, text: answer });
  });
}
