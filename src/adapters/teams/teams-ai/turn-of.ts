import { TeamsInfo, type TurnContext } from 'botbuilder';
import { actorFrom } from '../actor';
import { langFromLocale } from '../i18n/i18n';
import type { TeamsMember } from '../teams-user-ids';
import type { Turn, TurnConversation } from '../turn';
import { addressOf, channelAddressOf } from './addresses';

const built = new WeakMap<TurnContext, Turn>();

/**
 * The turn the features see, built once per botbuilder TurnContext (teams-ai has removed the bot's
 * @mention from the text before any route or beforeTurn handler runs).
 */
export function turnOf(context: TurnContext): Turn {
  const known = built.get(context);
  if (known) return known;
  const turn = buildTurn(context);
  built.set(context, turn);
  return turn;
}

function buildTurn(context: TurnContext): Turn {
  const activity = context.activity;
  const actor = actorFrom(activity);
  const type = activity.conversation.conversationType;
  const conversation: TurnConversation = {
    id: activity.conversation.id,
    type: type === 'personal' || type === 'channel' || type === 'groupChat' ? type : undefined,
    serviceUrl: activity.serviceUrl,
    address: () => (actor ? addressOf(activity, actor.tenantId) : undefined),
    channelAddress: () => (actor ? channelAddressOf(activity, actor.tenantId) : undefined),
    senderUpn: async () => (await TeamsInfo.getMember(context, activity.from.id)).userPrincipalName ?? undefined,
    rosterPages: () => rosterPages(context),
  };
  return {
    actor,
    lang: langFromLocale(actor?.locale ?? activity.locale),
    correlationId: activity.id,
    activityType: activity.type,
    text: activity.text ?? '',
    sender: { mri: activity.from.id, entraId: activity.from.aadObjectId },
    value: activity.value,
    replyToId: activity.replyToId,
    conversation,
  };
}

async function* rosterPages(context: TurnContext): AsyncIterable<readonly TeamsMember[]> {
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    yield page.members.flatMap((m) => (m.aadObjectId ? [{ mri: m.id, entraId: m.aadObjectId }] : []));
    token = page.continuationToken || undefined;
  } while (token !== undefined);
}
