import type { BotDeps } from '../../bot-deps';
import { renderNotice, type AdaptiveCardJson } from '../../cards/render';
import { catalogue, type Lang } from '../../i18n/i18n';
import type { Turn } from '../../turn';

/**
 * For someone who may not see the case, a case that does not exist, or a card submission that does not
 * parse (a forged or broken card): says so, shows nothing of any case, and audits the refusal.
 */
export async function refusalCard(deps: BotDeps, turn: Turn, reason = 'refused'): Promise<AdaptiveCardJson> {
  const { lang, actor, value } = turn;
  const action: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, 'action') : undefined;
  const verb: unknown = typeof action === 'object' && action !== null ? Reflect.get(action, 'verb') : undefined;
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: actor?.userId ?? 'unknown',
    action: 'card.refused',
    detail: { verb: typeof verb === 'string' ? verb.slice(0, 64) : 'unknown', reason },
  });
  return noAccessNotice(lang);
}

/**
 * The one answer for a case or handover that does not exist and for one the person may not see, so that
 * references and ids cannot be probed: no reference, school, date or anyone's id.
 */
export function noAccessNotice(lang: Lang): AdaptiveCardJson {
  const l = catalogue(lang).noAccess;
  return renderNotice({ title: l.title, text: l.notFound });
}
