import { createHash } from 'node:crypto';

/** Teams-shaped activities with valid defaults: personal chat, tenant in channelData, Entra id on `from`. */
export interface TeamsUser {
  aadObjectId: string;
  name?: string;
  locale?: string;
  tenantId?: string;
}

export const testTenant = '11111111-2222-4333-8444-555555555555';
export const botId = '28:00000000-0000-4000-8000-00000000b07';

export const aTeacher = (n = 1, locale = 'sv-SE'): TeamsUser => ({
  aadObjectId: `00000000-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`,
  name: `Testlärare ${n}`,
  locale,
});

/**
 * A person's Teams user id (MRI, the `29:…` id on `from` and in conversation rosters). Real MRIs are opaque:
 * they cannot be derived from the Entra object id, so neither can this one, and a bot that puts Entra ids
 * where Teams expects MRIs is caught.
 */
export const mriOf = (aadObjectId: string): string => `29:1${createHash('sha256').update(aadObjectId).digest('base64url').slice(0, 43)}`;

let activityCounter = 0;

export function baseActivity(user: TeamsUser, serviceUrl: string): Record<string, unknown> {
  activityCounter += 1;
  const tenantId = user.tenantId ?? testTenant;
  return {
    id: `activity-${activityCounter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2026-11-23T09:00:00.000Z',
    locale: user.locale ?? 'sv-SE',
    from: { id: mriOf(user.aadObjectId), aadObjectId: user.aadObjectId, name: user.name ?? 'Test' },
    recipient: { id: botId, name: 'SST Bridge' },
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

export const aMessage = (user: TeamsUser, serviceUrl: string, text: string): Record<string, unknown> => ({
  ...baseActivity(user, serviceUrl),
  type: 'message',
  text,
  textFormat: 'plain',
});

/** Teams' "is typing" signal: the bot has nothing to do with it but answer. */
export const aTyping = (user: TeamsUser, serviceUrl: string): Record<string, unknown> => ({
  ...baseActivity(user, serviceUrl),
  type: 'typing',
});

export const anInvoke = (
  user: TeamsUser,
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
): Record<string, unknown> => ({
  ...baseActivity(user, serviceUrl),
  type: 'invoke',
  name: 'adaptiveCard/action',
  replyToId: 'card-message-1',
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

export const aBotInstall = (user: TeamsUser, serviceUrl: string): Record<string, unknown> => ({
  ...baseActivity(user, serviceUrl),
  type: 'conversationUpdate',
  membersAdded: [{ id: botId }],
});

export interface TeamChannel {
  teamId: string;
  channelId: string;
}

export const aChannel = (n = 1): TeamChannel => ({
  teamId: `19:team-${n}@thread.tacv2`,
  channelId: `19:channel-${n}@thread.tacv2`,
});

/** A message in a team channel that @mentions the bot, as Teams sends it (a reply thread: `;messageid=`). */
export function aChannelMessage(user: TeamsUser, serviceUrl: string, channel: TeamChannel, text: string): Record<string, unknown> {
  const base = baseActivity(user, serviceUrl);
  const tenantId = user.tenantId ?? testTenant;
  return {
    ...base,
    type: 'message',
    text: `<at>SST Bridge</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: '<at>SST Bridge</at>', mentioned: { id: botId, name: 'SST Bridge' } }],
    conversation: { id: `${channel.channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId },
    channelData: { tenant: { id: tenantId }, team: { id: channel.teamId }, channel: { id: channel.channelId } },
  };
}
