import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { DeliveryAddress } from '../../../app/ports/addresses';

export const teamsTransport = 'msteams';

const conversationAddressSchema = z.object({
  kind: z.literal('conversation'),
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  conversationType: z.enum(['personal', 'channel', 'groupChat']),
  tenantId: z.string().min(1),
  /** Entra object id of the person in a personal chat: lets a lost chat be created again. */
  userId: z.string().min(1).optional(),
  /** The person's Teams locale when last seen, so that proactive messages speak their language. */
  locale: z.string().max(20).optional(),
});

const personalAddressSchema = z.object({
  kind: z.literal('personal'),
  serviceUrl: z.string().url(),
  tenantId: z.string().min(1),
  /** Entra object id of the person; the chat is created on first delivery. */
  userId: z.string().min(1),
  locale: z.string().max(20).optional(),
});

const teamsAddressSchema = z.discriminatedUnion('kind', [conversationAddressSchema, personalAddressSchema]);

/** A stored conversation (channel, group chat or personal chat) the bot has been part of. */
export type ConversationAddress = z.infer<typeof conversationAddressSchema>;
/** A person the bot has no stored chat with yet: the 1:1 chat is created on demand. */
export type PersonalAddress = z.infer<typeof personalAddressSchema>;
export type TeamsAddress = ConversationAddress | PersonalAddress;

export class InvalidDeliveryAddressError extends Error {
  override readonly name = 'InvalidDeliveryAddressError';
}

export function toDeliveryAddress(address: TeamsAddress): DeliveryAddress {
  return { transport: teamsTransport, value: JSON.stringify(address) };
}

/** Reads an address this adapter wrote. Throws on anything else: a stored address is never guessed at. */
export function parseTeamsAddress(address: DeliveryAddress): TeamsAddress {
  if (address.transport !== teamsTransport) {
    throw new InvalidDeliveryAddressError(`expected a delivery address for transport "${teamsTransport}", found "${address.transport}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(address.value);
  } catch (cause) {
    throw new InvalidDeliveryAddressError('expected a JSON Teams delivery address, found text that does not parse', { cause });
  }
  const parsed = teamsAddressSchema.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new InvalidDeliveryAddressError(`expected a Teams delivery address, found one with invalid fields: ${paths}`);
  }
  return parsed.data;
}

/** The address of the conversation an incoming activity came from, for storing on a team or a person. */
export function addressOfConversation(reference: Partial<ConversationReference>): DeliveryAddress {
  const conversation = reference.conversation;
  const conversationType = conversation?.conversationType;
  const tenantId = conversation?.tenantId;
  if (!conversation?.id || !reference.serviceUrl || !tenantId || !isConversationType(conversationType)) {
    throw new InvalidDeliveryAddressError('expected a Teams conversation reference with id, type, tenant and serviceUrl');
  }
  return toDeliveryAddress({
    kind: 'conversation',
    serviceUrl: reference.serviceUrl,
    conversationId: conversation.id,
    conversationType,
    tenantId,
    userId: conversationType === 'personal' ? reference.user?.aadObjectId : undefined,
    locale: reference.locale,
  });
}

/** A person to reach in a personal chat that the bot creates on first delivery. */
export function addressOfPerson(person: { userId: string; tenantId: string; serviceUrl: string }): DeliveryAddress {
  return toDeliveryAddress({ kind: 'personal', ...person });
}

/** The reference botbuilder needs to continue a stored conversation. */
export function referenceOf(address: ConversationAddress, botAppId: string): ConversationReference {
  return {
    channelId: teamsTransport,
    serviceUrl: address.serviceUrl,
    bot: { id: botAppId, name: '' },
    conversation: {
      id: address.conversationId,
      conversationType: address.conversationType,
      tenantId: address.tenantId,
      isGroup: address.conversationType !== 'personal',
      name: '',
    },
  };
}

function isConversationType(value: string | undefined): value is ConversationAddress['conversationType'] {
  return value === 'personal' || value === 'channel' || value === 'groupChat';
}
