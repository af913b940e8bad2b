import type { OutboxMessage } from '../outbox/outbox-message';

/**
 * The messages a change causes, written by the store in the same transaction as the change (SQLite), or
 * first and gated on the case's new version (Cosmos DB): docs/delivery.md, "Outbox". `at` is when they were
 * planned (the outbox's enqueue time).
 */
export interface Outgoing {
  messages: readonly OutboxMessage[];
  at: string;
}

/** Tells the drainer that something was enqueued, so that it sends now instead of at its next poll. */
export interface OutboxSignal {
  wake(): void;
}
