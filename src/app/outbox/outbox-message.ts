import type { Recipient } from '../ports/addresses';
import type { DeliveryPurpose, DeliverySubject } from '../ports/deliveries';

export interface OutboxPayload {
  caseId: string;
  /** Address-book key of the recipient (`inbox:<team>`, `person:<tenant>:<user>`). */
  recipient: string;
  /** The recipient itself, to open a personal chat on the way; absent on messages planned from old delivery records. */
  to?: Recipient;
  /**
   * What to send, by reference (the delivery key's parts as data, src/app/delivery-key.ts): the sender renders it
   * from the case's state at send time, so a message that waited shows the case as it is when it leaves.
   */
  subject: DeliverySubject;
}

/**
 * One message to enqueue. `lane` is the conversation it goes to (the recipient's address-book key: one
 * conversation per recipient); messages in one lane leave one at a time, in the order they were enqueued.
 */
export interface OutboxMessage {
  /** The delivery key (`case:<caseId>:…`): a key recorded as delivered is never sent again. */
  key: string;
  lane: string;
  tenantId: string;
  purpose: DeliveryPurpose;
  payload: OutboxPayload;
  /**
   * Messages of one lane with the same coalescing key replace each other while not yet sent (the latest
   * payload wins, the first one's place in the lane is kept). Used for a case's card in one conversation:
   * once its key was delivered, the next one is sent as an update of that message.
   */
  coalesceKey?: string;
  /**
   * Send only once the case is at this version or later (stores without a transaction across the case and
   * the outbox, see docs/delivery.md "Cosmos DB"). Entries whose case never reached it are dropped.
   */
  afterCaseVersion?: number;
}

/** A queued message as the drainer sees it. `revision` grows each time a coalescing enqueue replaces it. */
export interface OutboxEntry extends OutboxMessage {
  revision: number;
  /** Failed attempts so far (429 with Retry-After is not counted: it is Teams pacing us, not a failure). */
  attempts: number;
  enqueuedAt: string;
}

/** The identity of an entry at one revision: settling it does nothing if it was replaced meanwhile. */
export interface EntryRef {
  lane: string;
  slot: string;
  revision: number;
}

/** Where an entry sits within its lane: its coalescing key, or its delivery key. */
export const slotOf = (m: Pick<OutboxMessage, 'key' | 'coalesceKey'>): string => (m.coalesceKey === undefined ? `key:${m.key}` : `coalesce:${m.coalesceKey}`);

export const entryRefOf = (e: OutboxEntry): EntryRef => ({ lane: e.lane, slot: slotOf(e), revision: e.revision });
