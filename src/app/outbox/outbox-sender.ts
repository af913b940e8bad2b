import type { DeliveryAddress } from '../ports/addresses';
import type { OutboxEntry } from './outbox-message';

/**
 * How one attempt ended. The Teams adapter maps HTTP answers as docs/delivery.md "Retries" says: 429 and
 * 412, 408, 5xx or no response are `retry` (429's Retry-After in `retryAfterMs`), 403 and a 404 that
 * recreating the chat did not fix are `unreachable`, other 4xx are `failed`.
 */
export type OutboxSendResult =
  | { status: 'delivered'; messageId: string; address: DeliveryAddress; conversationCreated: boolean }
  | { status: 'retry'; lastStatus: string; retryAfterMs?: number }
  | { status: 'unreachable'; lastStatus: string }
  | { status: 'failed'; lastStatus: string }
  /** Nothing to send any more (the case is gone or erased, or consent no longer lets it reach the recipient). */
  | { status: 'obsolete' };

/** A message sent earlier under the entry's key: a coalesced card is sent as an update of it. */
export interface PreviousMessage {
  messageId: string;
  address: DeliveryAddress;
}

/**
 * Sends one outbox entry, rendered from the case's state now: a new message, or an update of `previous`.
 * One attempt, no retries and no waiting of its own (the drainer paces and retries). Never throws for a
 * delivery failure.
 */
export interface OutboxSender {
  send(entry: OutboxEntry, previous: PreviousMessage | undefined): Promise<OutboxSendResult>;
}
