import { z } from 'zod';
import { listMyHandovers } from '../../../../app/list-my-handovers';
import type { BotDeps } from '../../bot-deps';
import { renderMyHandovers, renderNotice, type AdaptiveCardJson } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { catalogue, t } from '../../i18n/i18n';
import type { BotRoutes, Turn } from '../../turn';
import { deadlinesOf } from './respond';

/** `mina överlämningar`/`my handovers`: an investigator's unacknowledged and open handovers. */
export function registerMyHandovers(routes: BotRoutes, deps: BotDeps): void {
  const render = async ({ lang, actor }: Turn): Promise<AdaptiveCardJson | string> => {
    const cases = actor ? await listMyHandovers(deps, actor) : undefined;
    if (!cases) return t(lang, 'handoversNotInUnit');
    const items = cases.map((c) => {
      const deadlines = deadlinesOf(deps, c);
      return deadlines ? { case: c, deadlines } : { case: c };
    });
    return renderMyHandovers({ lang, clock: deps.clock, directory: deps.directory(), now: deps.clock.now(), items });
  };
  routes.command(commands.myHandovers, render);
  routes.cardAction(verbs.handoversMine, z.unknown(), async (turn) => {
    const answer = await render(turn);
    if (typeof answer !== 'string') return answer;
    return renderNotice({ title: catalogue(turn.lang).myHandovers.title, text: answer });
  });
}
