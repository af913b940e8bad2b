import { mriOf, testTenant, type TeamsUser } from './activities';
import { baseActivity } from './activities';
import type { RunningBot } from './running-bot';
import { cardOf, textOf } from './teams-client';

/** One message of a conversation as one person sees it. */
export interface SeenMessage {
  messageId: string;
  /** The card they see: the stored one, or their own view when Teams refreshed it for them. */
  card?: Record<string, unknown>;
  /** True when this is the person's own view (their MRI is in the stored card's `refresh.userIds`). */
  ownView: boolean;
  /** Everything readable: the card's text, or the plain message text. */
  text: string;
}

/**
 * What a person sees in a conversation right now, modelled on Teams' Universal Actions: everyone whose MRI
 * is not in a stored card's `refresh.userIds` sees the stored card; everyone whose MRI is there sees what
 * the bot answers to the automatic refresh invoke Teams sends on their behalf (an `adaptiveCard/action`
 * invoke with `trigger: automatic`, the refresh action's verb and data, and the message's id as replyToId).
 * Teams knows people in `userIds` by MRI only: an Entra object id there refreshes nobody.
 *
 * A refresh answers one person: if answering it changed any stored message in any conversation, the bot has
 * written one person's view over a shared card (or started an edit loop), and this throws.
 */
export async function whatSees(bot: RunningBot, who: TeamsUser, conversationId: string): Promise<SeenMessage[]> {
  const seen: SeenMessage[] = [];
  for (const message of bot.connector.storedMessages(conversationId)) {
    const stored = cardOf(message.activity);
    const refresh = refreshOf(stored);
    if (stored === undefined || refresh === undefined || !refresh.userIds.includes(mriOf(who.aadObjectId))) {
      seen.push({ messageId: message.id, card: stored, ownView: false, text: stored ? textOf(stored) : String(message.activity.text ?? '') });
      continue;
    }
    const before = snapshot(bot);
    const own = await refreshAs(bot, who, conversationId, message.id, refresh.action);
    await bot.idle();
    if (snapshot(bot) !== before) throw new Error(`refreshing the view of ${who.aadObjectId} in ${conversationId} changed a stored message`);
    seen.push({ messageId: message.id, card: own, ownView: true, text: textOf(own) });
  }
  return seen;
}

/** All readable text a person sees in a conversation. */
export async function textSeenBy(bot: RunningBot, who: TeamsUser, conversationId: string): Promise<string> {
  return (await whatSees(bot, who, conversationId)).map((m) => m.text).join('\n');
}

/** Presses a button on a stored message in a conversation, as Teams sends it (the message id as replyToId). */
export async function pressOnMessage(
  bot: RunningBot,
  who: TeamsUser,
  conversationId: string,
  messageId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; card?: Record<string, unknown> }> {
  const res = await postInvoke(bot, who, conversationId, messageId, { type: 'Action.Execute', verb, data }, 'manual');
  await bot.idle();
  return res;
}

interface RefreshSection {
  userIds: string[];
  action: { verb: string; data: Record<string, unknown> };
}

function refreshOf(card: Record<string, unknown> | undefined): RefreshSection | undefined {
  const refresh = card?.refresh;
  if (typeof refresh !== 'object' || refresh === null) return undefined;
  const userIds: unknown = Reflect.get(refresh, 'userIds');
  const action: unknown = Reflect.get(refresh, 'action');
  if (!Array.isArray(userIds) || typeof action !== 'object' || action === null) return undefined;
  const verb: unknown = Reflect.get(action, 'verb');
  const data: unknown = Reflect.get(action, 'data');
  if (typeof verb !== 'string') return undefined;
  return {
    userIds: userIds.filter((u): u is string => typeof u === 'string'),
    action: { verb, data: typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data)) : {} },
  };
}

async function refreshAs(
  bot: RunningBot,
  who: TeamsUser,
  conversationId: string,
  messageId: string,
  action: RefreshSection['action'],
): Promise<Record<string, unknown>> {
  const answer = await postInvoke(bot, who, conversationId, messageId, { type: 'Action.Execute', ...action }, 'automatic');
  if (answer.status !== 200 || answer.card === undefined) throw new Error(`the refresh for ${who.aadObjectId} got HTTP ${answer.status} and no card`);
  return answer.card;
}

async function postInvoke(
  bot: RunningBot,
  who: TeamsUser,
  conversationId: string,
  messageId: string,
  action: Record<string, unknown>,
  trigger: 'automatic' | 'manual',
): Promise<{ status: number; card?: Record<string, unknown> }> {
  const tenantId = who.tenantId ?? testTenant;
  const isChannel = conversationId.startsWith('19:');
  const activity = {
    ...baseActivity(who, bot.serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: messageId,
    conversation: isChannel
      ? { id: conversationId, conversationType: 'channel', isGroup: true, tenantId }
      : { id: conversationId, conversationType: 'personal', tenantId },
    value: { action, trigger },
  };
  const res = await fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  const body: unknown = text ? JSON.parse(text) : {};
  const value: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'value') : undefined;
  return { status: res.status, card: typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : undefined };
}

function snapshot(bot: RunningBot): string {
  return JSON.stringify(bot.connector.conversations().map((id) => bot.connector.storedMessages(id)));
}
