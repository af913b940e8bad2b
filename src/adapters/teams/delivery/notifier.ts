import type { DeliveryAddress } from '../../../app/ports/addresses';
import type { DeliveryOutcome } from '../../../app/ports/messenger';

/**
 * Sends messages to inboxes. At most one message per delivery key: a key that was delivered before is
 * answered from the ledger without sending again. Never throws for a delivery failure: it returns one.
 */
export interface Notifier<Message> {
  deliver(address: DeliveryAddress, message: Message, key: string): Promise<DeliveryOutcome>;
  /** Replaces a message delivered earlier (a card refresh). The same key with the same message is safe to repeat. */
  update(address: DeliveryAddress, messageId: string, message: Message, key: string): Promise<DeliveryOutcome>;
}
