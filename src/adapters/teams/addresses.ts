import { TurnContext, type ConversationReference } from 'botbuilder';

/** The address of the conversation an activity came from, serialized for the store's address book. */
export function addressOf(context: TurnContext): string {
  return JSON.stringify(TurnContext.getConversationReference(context.activity));
}

/**
 * The address of the channel itself, not of the thread the message was posted in: Teams puts
 * `;messageid=…` on a reply's conversation id, and a proactive send to the bare channel id starts a new post.
 */
export function channelAddressOf(context: TurnContext): string {
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(context.activity);
  const conversation = reference.conversation;
  if (conversation === undefined) return JSON.stringify(reference);
  const channelId = conversation.id.split(';')[0] ?? conversation.id;
  return JSON.stringify({ ...reference, conversation: { ...conversation, id: channelId }, activityId: undefined });
}

export const isPersonalChat = (context: TurnContext): boolean => context.activity.conversation?.conversationType === 'personal';
export const isChannel = (context: TurnContext): boolean => context.activity.conversation?.conversationType === 'channel';
