import type { Case } from '../domain/case/case';
import { purposeOf, serialiseDeliveryKey } from './delivery-key';
import type { OutboxMessage } from './outbox/outbox-message';
import { recipientKey, type Recipient } from './ports/addresses';
import type { CaseDelivery, DeliverySubject, StoredDeliverySubject } from './ports/deliveries';

/**
 * Which messages of a case in one conversation replace each other while they wait in the outbox: a card
 * (case card, handover card at one unit, input-request card, a question) is one message per chat, sent once
 * and updated afterwards, so its latest state is all that needs to leave. Status messages and reminders are
 * each their own message.
 */
export function coalesceKeyOf(caseId: string, subject: StoredDeliverySubject): string | undefined {
  switch (subject.what) {
    case 'case_card':
      return `card:${caseId}`;
    case 'handover_card':
      return `handover:${caseId}:${subject.unitId}`;
    case 'input_request_card':
      return `handover:${caseId}:input`;
    case 'question':
    case 'input':
      return `${subject.what}:${caseId}:${subject.questionId}`;
    case 'status':
    case 'reminder':
    case 'unrecognised':
      return undefined;
    default: {
      const unreachable: never = subject;
      return unreachable;
    }
  }
}

/** The outbox message that sends `subject` about case `c` to `to`, under its delivery key. */
export function outboxMessageOf(c: Pick<Case, 'id' | 'tenantId'>, to: Recipient, subject: DeliverySubject): OutboxMessage {
  const coalesceKey = coalesceKeyOf(c.id, subject);
  return {
    key: serialiseDeliveryKey({ caseId: c.id, recipient: to, subject }),
    lane: recipientKey(to),
    tenantId: c.tenantId,
    purpose: purposeOf(subject),
    payload: { caseId: c.id, recipient: recipientKey(to), to, subject },
    ...(coalesceKey === undefined ? {} : { coalesceKey }),
  };
}

/**
 * The messages one change causes, collected while its follow-up is planned (dispatch-case-change.ts) and then
 * written with the change. One message per conversation and slot: a card planned twice (sent on routing and
 * updated because the case changed) is one message, which the drainer sends, or updates if it was delivered.
 */
export class OutgoingMessages {
  private readonly planned = new Map<string, OutboxMessage>();

  /** Sends `subject` to `to` once (its delivery key); a card already delivered there is updated instead. */
  send(c: Pick<Case, 'id' | 'tenantId'>, to: Recipient, subject: DeliverySubject): void {
    this.add(outboxMessageOf(c, to, subject));
  }

  /**
   * A recorded message once more, under its own key: a delivered card is updated in place with the case as it
   * is when the message leaves (a card refresh), anything not yet delivered is sent (the periodic retry).
   */
  again(c: Pick<Case, 'id' | 'tenantId'>, d: CaseDelivery): void {
    const { subject } = d;
    if (subject.what === 'unrecognised') return;
    const coalesceKey = coalesceKeyOf(c.id, subject);
    this.add({
      key: d.key,
      lane: d.recipient,
      tenantId: c.tenantId,
      purpose: d.purpose,
      payload: { caseId: c.id, recipient: d.recipient, ...(d.to ? { to: d.to } : {}), subject },
      ...(coalesceKey === undefined ? {} : { coalesceKey }),
    });
  }

  list(): OutboxMessage[] {
    return [...this.planned.values()];
  }

  private add(m: OutboxMessage): void {
    const slot = `${m.lane}\u0000${m.coalesceKey ?? m.key}`;
    if (!this.planned.has(slot)) this.planned.set(slot, m);
  }
}
