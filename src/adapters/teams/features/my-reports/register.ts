import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { listMyReports } from '../../../../app/list-my-reports';
import { listTeamQueues, type TeamQueue } from '../../../../app/list-team-queues';
import { actorFrom } from '../../actor';
import type { BotDeps } from '../../bot-deps';
import { renderMyCases, renderTeamQueue, type AdaptiveCardJson } from '../../cards/render';
import { verbs } from '../../cards/verbs';
import { commands } from '../../commands';
import { fallbackQueueTitle } from '../../cards/views/team-queue';
import { t, type Lang } from '../../i18n/i18n';
import { cardActivity, langOf } from '../../reply';
import { onCardAction } from '../../card-action';

/**
 * `mina ärenden`/`my cases`: a school-social worker gets their teams' queues of open cases (oldest first);
 * everyone who has reported gets their own reports with process status only.
 */
export function registerMyReports(app: Application<TurnState>, deps: BotDeps): void {
  const ownReports = async (context: TurnContext): Promise<AdaptiveCardJson | undefined> => {
    const actor = actorFrom(context);
    if (!actor) return undefined;
    return renderMyCases({ lang: langOf(context), directory: deps.directory(), viewerId: actor.userId, cases: await listMyReports(deps, actor) });
  };
  const queues = async (context: TurnContext): Promise<AdaptiveCardJson | undefined> => {
    const actor = actorFrom(context);
    if (!actor) return undefined;
    const found = await listTeamQueues(deps, actor);
    return found.length === 0 ? undefined : queueCard(deps, langOf(context), found);
  };

  app.message(commands.myCases, async (context) => {
    const [queue, mine] = [await queues(context), await ownReports(context)];
    if (!mine) return void (await context.sendActivity(t(langOf(context), 'error.apology')));
    if (queue) await context.sendActivity(cardActivity(queue));
    await context.sendActivity(cardActivity(mine));
  });
  onCardAction(app, verbs.casesMine, async (context) => (await ownReports(context)) ?? t(langOf(context), 'error.apology'));
  onCardAction(app, verbs.teamQueue, async (context) => (await queues(context)) ?? (await ownReports(context)) ?? t(langOf(context), 'error.apology'));
}

function queueCard(deps: BotDeps, lang: Lang, found: readonly TeamQueue[]): AdaptiveCardJson {
  const directory = deps.directory();
  return renderTeamQueue({
    lang,
    directory,
    now: deps.clock.now(),
    queues: found.map((q) => ({
      title: q.team?.name ?? fallbackQueueTitle(lang, directory, q.fallbackDistrict?.code ?? ''),
      cases: q.cases,
    })),
  });
}
