import { z } from 'zod';
import { listMyReports } from '../../../../app/list-my-reports';
import { listTeamQueues, type TeamQueue } from '../../../../app/list-team-queues';
import type { BotDeps } from '../../bot-deps';
import { renderMyCases, renderTeamQueue, type AdaptiveCardJson } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { fallbackQueueTitle } from '../../cards/views/team-queue';
import { t, type Lang } from '../../i18n/i18n';
import type { BotRoutes, Turn } from '../../turn';

/**
 * `mina ärenden`/`my cases`: a school-social worker gets their teams' queues of open cases (oldest first);
 * everyone who has reported gets their own reports with process status only.
 */
export function registerMyReports(routes: BotRoutes, deps: BotDeps): void {
  const ownReports = async ({ actor, lang }: Turn): Promise<AdaptiveCardJson | undefined> => {
    if (!actor) return undefined;
    return renderMyCases({ lang, clock: deps.clock, directory: deps.directory(), viewerId: actor.userId, cases: await listMyReports(deps, actor) });
  };
  const queues = async ({ actor, lang }: Turn): Promise<AdaptiveCardJson | undefined> => {
    if (!actor) return undefined;
    const found = await listTeamQueues(deps, actor);
    return found.length === 0 ? undefined : queueCard(deps, lang, found);
  };

  routes.command(commands.myCases, async (turn) => {
    const [queue, mine] = [await queues(turn), await ownReports(turn)];
    if (!mine) return t(turn.lang, 'error.apology');
    return queue ? [queue, mine] : [mine];
  });
  routes.cardAction(verbs.casesMine, z.unknown(), async (turn) => (await ownReports(turn)) ?? t(turn.lang, 'error.apology'));
  routes.cardAction(verbs.teamQueue, z.unknown(), async (turn) => (await queues(turn)) ?? (await ownReports(turn)) ?? t(turn.lang, 'error.apology'));
}

function queueCard(deps: BotDeps, lang: Lang, found: readonly TeamQueue[]): AdaptiveCardJson {
  const directory = deps.directory();
  return renderTeamQueue({
    lang,
    clock: deps.clock,
    directory,
    now: deps.clock.now(),
    queues: found.map((q) => ({
      title: q.team?.name ?? fallbackQueueTitle(lang, directory, q.fallbackDistrict?.code ?? ''),
      cases: q.cases,
    })),
  });
}
