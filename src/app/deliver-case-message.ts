import type { Case } from '../domain/case/case';
import { purposeOf, serialiseDeliveryKey } from './delivery-key';
import { recipientKey, type Recipient } from './ports/addresses';
import type { CaseDelivery, DeliverySubject, StoredDeliverySubject } from './ports/deliveries';
import type { CaseMessage, Messenger } from './ports/messenger';
import type { CaseStore } from './ports/case-store';
import type { Clock } from './ports/clock';

export interface DeliveryDeps {
  store: CaseStore;
  clock: Clock;
  messenger: Messenger;
}

/** The message a stored subject stands for, to send it again; none for a reminder (the sweep sends those) or an unrecognised record. */
export function messageOf(subject: StoredDeliverySubject, c: Case): CaseMessage | undefined {
  switch (subject.what) {
    case 'case_card':
      return { kind: 'case_card', case: c };
    case 'handover_card':
    case 'input_request_card':
      return { kind: 'handover_card', case: c };
    case 'status':
      return { kind: 'status', case: c, status: subject.status };
    case 'question':
      return { kind: 'question', case: c, questionId: subject.questionId };
    case 'input':
      return { kind: 'input_request', case: c, questionId: subject.questionId };
    case 'reminder':
    case 'unrecognised':
      return undefined;
    default: {
      const unreachable: never = subject;
      return unreachable;
    }
  }
}

/**
 * The delivery record of a message about to go out: the only place a delivery record is made, its key,
 * purpose and subject all from the one typed key.
 */
export function newDeliveryRecord(c: Case, to: Recipient, subject: DeliverySubject, at: string): CaseDelivery {
  return {
    key: serialiseDeliveryKey({ caseId: c.id, recipient: to, subject }),
    caseId: c.id,
    recipient: recipientKey(to),
    to,
    purpose: purposeOf(subject),
    subject,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Sends one message about a case at once, not through the outbox (the reminder sweep; case messages go through
 * the outbox, src/app/dispatch-case-change.ts). Once per key and records how it went on the case's delivery record: a
 * delivered key is not sent again, a failure is recorded (and retried by `retryUndelivered`), a personal chat
 * created on the way is remembered in the address book. This is the one place that keeps "once per key": the
 * record is saved before the send, so the transport's ledger (StoreDeliveryLedger) marks that same record.
 */
export async function deliverCaseMessage(
  deps: DeliveryDeps,
  d: { case: Case; recipient: Recipient; subject: DeliverySubject; message: CaseMessage },
): Promise<CaseDelivery> {
  const fresh = newDeliveryRecord(d.case, d.recipient, d.subject, deps.clock.now());
  const existing = await deps.store.getDelivery(fresh.key);
  if (existing === undefined) await deps.store.saveDelivery(fresh);
  return sendOnce(deps, existing ?? fresh, d.recipient, d.message);
}

async function sendOnce(deps: DeliveryDeps, existing: CaseDelivery, to: Recipient, message: CaseMessage): Promise<CaseDelivery> {
  if (existing.status === 'delivered') return existing;
  const stored = await deps.store.getAddress(existing.recipient);
  const outcome = await deps.messenger.send(to, stored?.address, message, existing.key);
  const now = deps.clock.now();
  const base: CaseDelivery = {
    key: existing.key,
    caseId: existing.caseId,
    recipient: existing.recipient,
    ...(existing.to ? { to: existing.to } : {}),
    purpose: existing.purpose,
    subject: existing.subject,
    status: 'pending',
    attempts: existing.attempts + 1,
    createdAt: existing.createdAt,
    updatedAt: now,
  };
  let record: CaseDelivery;
  switch (outcome.status) {
    case 'delivered': {
      const address = outcome.newAddress ?? stored?.address;
      if (outcome.newAddress) await deps.store.saveAddress(existing.recipient, outcome.newAddress, now);
      record = { ...base, status: 'delivered', messageId: outcome.messageId, ...(address ? { address } : {}) };
      // The delivery ledger already saved this record as delivered right after the send (one write, not two).
      if (outcome.recorded) return record;
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
