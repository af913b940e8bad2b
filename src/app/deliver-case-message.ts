import type { Case } from '../domain/case/case';
import { recipientKey, type Recipient } from './ports/addresses';
import type { CaseDelivery, DeliveryPurpose } from './ports/deliveries';
import type { CaseMessage, Messenger } from './ports/messenger';
import type { CaseStore } from './ports/case-store';
import type { Clock } from './ports/clock';

export interface DeliveryDeps {
  store: CaseStore;
  clock: Clock;
  messenger: Messenger;
}

/** The stable key of one message about a case to one recipient: a retry uses the same key and never sends twice. */
export const deliveryKey = (caseId: string, purpose: string, recipient: Recipient): string =>
  `case:${caseId}:${purpose}:${recipientKey(recipient)}`;

/**
 * Sends one message about a case once per key and records how it went on the case's delivery record: a
 * delivered key is not sent again, a failure is recorded (and retried by `retryUndelivered`), a personal chat
 * created on the way is remembered in the address book.
 */
export async function deliverCaseMessage(
  deps: DeliveryDeps,
  d: { case: Case; recipient: Recipient; purpose: DeliveryPurpose; message: CaseMessage; key: string },
): Promise<CaseDelivery> {
  const existing = await deps.store.getDelivery(d.key);
  if (existing?.status === 'delivered') return existing;
  const recipient = recipientKey(d.recipient);
  const stored = await deps.store.getAddress(recipient);
  const outcome = await deps.messenger.send(d.recipient, stored?.address, d.message, d.key);
  const now = deps.clock.now();
  const base: CaseDelivery = {
    key: d.key,
    caseId: d.case.id,
    recipient,
    purpose: d.purpose,
    status: 'pending',
    attempts: (existing?.attempts ?? 0) + 1,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  let record: CaseDelivery;
  switch (outcome.status) {
    case 'delivered': {
      const address = outcome.newAddress ?? stored?.address;
      if (outcome.newAddress) await deps.store.saveAddress(recipient, outcome.newAddress, now);
      record = { ...base, status: 'delivered', messageId: outcome.messageId, ...(address ? { address } : {}) };
      break;
    }
    case 'unreachable':
      record = { ...base, status: 'unreachable', lastStatus: 'unreachable' };
      break;
    case 'failed':
      record = { ...base, status: 'failed', lastStatus: String(outcome.lastStatus) };
      break;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
  await deps.store.saveDelivery(record);
  return record;
}

/**
 * Updates every delivered case and handover card of a case in place, so that everyone who sees it sees the current state
 * (their own view then comes through the card's refresh). One update key per case version.
 */
export async function refreshCaseCards(deps: DeliveryDeps, c: Case): Promise<void> {
  const deliveries = await deps.store.listDeliveriesForCase(c.id);
  for (const d of deliveries) {
    if (d.status !== 'delivered' || d.address === undefined || d.messageId === undefined) continue;
    if (d.purpose === 'case_card') await deps.messenger.update(d.address, d.messageId, { kind: 'case_card', case: c }, `${d.key}:v${c.version}`);
    if (d.purpose === 'handover_card')
      await deps.messenger.update(d.address, d.messageId, { kind: 'handover_card', case: c }, `${d.key}:v${c.version}`);
  }
}
