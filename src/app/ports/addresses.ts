/**
 * Where a notification goes (a team's channel, a person's chat). Opaque to the domain and the use cases:
 * only the adapter named by `transport` reads `value`. Store it as it is and hand it back unchanged.
 */
export interface DeliveryAddress {
  readonly transport: string;
  readonly value: string;
}

export interface StoredAddress {
  address: DeliveryAddress;
  updatedAt: string;
}

/** Address-book keys: a person's 1:1 chat with the bot, and a school-social team's inbox channel. */
export const personAddressKey = (tenantId: string, userId: string): string => `person:${tenantId}:${userId}`;
export const teamInboxKey = (teamId: string): string => `inbox:${teamId}`;

/** Who a message about a case goes to: a team's inbox channel, or a person's chat with the bot. */
export type Recipient = { kind: 'team_inbox'; teamId: string } | { kind: 'person'; tenantId: string; userId: string };

export const recipientKey = (r: Recipient): string =>
  r.kind === 'team_inbox' ? teamInboxKey(r.teamId) : personAddressKey(r.tenantId, r.userId);

/** The address book: where proactive messages to a person or a team inbox go. */
export interface AddressBook {
  /**
   * Remembers where proactive messages to a person or a team inbox go. The address is opaque here: only the
   * Teams adapter writes and reads its content. Saving under an existing key replaces it.
   */
  saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void>;
  getAddress(key: string): Promise<StoredAddress | undefined>;
}
