import type { Directory } from '../domain/routing/directory';
import { isWithheld } from './outbox/case-message-sender';
import { messageOf } from './outbox/message-of';
import { OutgoingMessages } from './outgoing-messages';
import type { CaseStore } from './ports/case-store';
import type { Clock } from './ports/clock';
import type { OutboxSignal } from './ports/outbox';

export interface RetryUndeliveredDeps {
  store: Pick<CaseStore, 'listUndelivered' | 'getCase' | 'listRemindersForCase' | 'outbox'>;
  clock: Pick<Clock, 'now'>;
  directory: () => Directory;
  drainer: OutboxSignal;
}

/**
 * Queues again what the outbox gave up on for a transient reason (Teams busy, network, five attempts), with
 * the same keys, so nothing is sent twice; the message is the one the record's subject names. Unreachable
 * recipients (the app is not installed for them) wait for a person to act: they are shown to the coordinator
 * instead. Returns how many were queued.
 */
export async function retryUndelivered(deps: RetryUndeliveredDeps, limit = 100): Promise<number> {
  const out = new OutgoingMessages();
  for (const d of await deps.store.listUndelivered(limit)) {
    // Pending: still in the outbox. Unreachable: waits for a person.
    if (d.status !== 'failed') continue;
    const c = await deps.store.getCase(d.caseId);
    const recipient = d.to;
    const message = c ? await messageOf(deps.store, d.subject, c) : undefined;
    if (!c || !recipient || !message) continue;
    if (isWithheld(message, c, recipient, deps.directory())) continue;
    out.again(c, d);
  }
  const messages = out.list();
  if (messages.length === 0) return 0;
  await deps.store.outbox.enqueue(messages, deps.clock.now());
  deps.drainer.wake();
  return messages.length;
}
