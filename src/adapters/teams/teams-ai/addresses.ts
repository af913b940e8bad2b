import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { DeliveryAddress } from '../../../app/ports/addresses';
import { addressOfConversation } from '../delivery/teams-address';

/**
 * The address of the conversation an activity came from, for the store's address book; undefined when
 * the activity lacks what a later proactive send needs. Teams puts the tenant in channelData, and not always
 * on the conversation, so the actor's tenant fills the gap.
 */
export function addressOf(activity: Partial<Activity>, tenantId: string): DeliveryAddress | undefined {
  return addressFrom(TurnContext.getConversationReference(activity), tenantId, (id) => id);
}

/**
 * The address of the channel itself, not of the thread the message was posted in: Teams puts
 * `;messageid=…` on a reply's conversation id, and a proactive send to the bare channel id starts a new post.
 */
export function channelAddressOf(activity: Partial<Activity>, tenantId: string): DeliveryAddress | undefined {
  return addressFrom(TurnContext.getConversationReference(activity), tenantId, (id) => id.split(';')[0] ?? id);
}

function addressFrom(reference: Partial<ConversationReference>, tenantId: string, conversationId: (id: string) => string) {
  const conversation = reference.conversation;
  const type = conversation?.conversationType;
  if (!conversation?.id || !reference.serviceUrl || (type !== 'personal' && type !== 'channel' && type !== 'groupChat')) return undefined;
  return addressOfConversation({
    ...reference,
    conversation: { ...conversation, id: conversationId(conversation.id), tenantId: conversation.tenantId ?? tenantId },
  });
}
