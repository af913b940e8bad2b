import { isCutOffByConsent, teamMayReceive } from '../../domain/access/policy';
import type { Case } from '../../domain/case/case';
import type { CalendarRules } from '../../domain/calendar/calendar-rules';
import type { Directory } from '../../domain/routing/directory';
import { reminderPlansFor } from '../plan-reminders';
import type { Clock } from '../ports/clock';
import type { AddressBook, Recipient } from '../ports/addresses';
import type { CaseRecords } from '../ports/cases';
import type { CaseMessage, DeliveryOutcome, Messenger } from '../ports/messenger';
import type { ReminderStore } from '../ports/reminders';
import { messageOf } from './message-of';
import type { OutboxEntry } from './outbox-message';
import type { OutboxSender, OutboxSendResult, PreviousMessage } from './outbox-sender';

export interface CaseMessageSenderDeps {
  store: Pick<CaseRecords, 'getCase'> & Pick<AddressBook, 'getAddress'> & Pick<ReminderStore, 'listRemindersForCase'>;
  /** One attempt per call, no waiting and no ledger of its own: the drainer paces, retries and records. */
  messenger: Messenger;
  directory: () => Directory;
  /** With the calendar, plans the case's reminders at send time: one no longer planned is not sent. */
  clock: Clock;
  calendar: () => CalendarRules;
}

/**
 * A case card or a reminder about the case is not sent to the team's social-services side once no consent in
 * force lets the case reach the team (withdrawn): not to their chats, and not to the team channel they share
 * (domain.md L19a).
 */
export function withheldByConsent(c: Case, recipient: Recipient, dir: Directory): boolean {
  if (recipient.kind === 'team_inbox') return !teamMayReceive(c);
  return isCutOffByConsent(recipient.userId, c, dir);
}

/** True when `message` is one that consent governs and `withheldByConsent` holds it back from `recipient`. */
export function isWithheld(message: CaseMessage, c: Case, recipient: Recipient, dir: Directory): boolean {
  return (message.kind === 'case_card' || message.kind === 'reminder') && withheldByConsent(c, recipient, dir);
}

/**
 * Sends an outbox entry as the case is now: the message its subject names, rendered by the Messenger at send
 * time, so a card that waited shows the current state. Nothing is sent for a case that is gone or erased, a
 * reminder that is gone or no longer planned, or a card or reminder that consent no longer lets reach its
 * recipient (`obsolete`).
 */
export class CaseMessageSender implements OutboxSender {
  constructor(private readonly deps: CaseMessageSenderDeps) {}

  async send(entry: OutboxEntry, previous: PreviousMessage | undefined): Promise<OutboxSendResult> {
    const { caseId, subject, to } = entry.payload;
    const c = await this.deps.store.getCase(caseId);
    if (c === undefined || c.erasedAt !== undefined) return { status: 'obsolete' };
    const message = await messageOf(this.deps.store, subject, c);
    if (message === undefined) return { status: 'obsolete' };
    if (to !== undefined && isWithheld(message, c, to, this.deps.directory())) return { status: 'obsolete' };
    if (message.kind === 'reminder' && !this.stillPlanned(c, message.reminder.id)) return { status: 'obsolete' };
    if (previous !== undefined) {
      const outcome = await this.deps.messenger.update(previous.address, previous.messageId, message, entry.key);
      return resultOf(outcome, () => ({ address: previous.address, conversationCreated: false }));
    }
    // A message planned from a delivery record older than typed recipients has only the address-book key.
    if (to === undefined) return { status: 'failed', lastStatus: 'no_recipient' };
    const stored = await this.deps.store.getAddress(entry.payload.recipient);
    const outcome = await this.deps.messenger.send(to, stored?.address, message, entry.key);
    return resultOf(outcome, (newAddress) => {
      const address = newAddress ?? stored?.address;
      return address === undefined ? undefined : { address, conversationCreated: newAddress !== undefined };
    });
  }

  /**
   * A reminder waited in the outbox behind other messages: if someone acted meanwhile (took the case, answered,
   * acknowledged) or a later occurrence superseded it, the case no longer plans it and it is not sent, as the
   * sweep would not have queued it.
   */
  private stillPlanned(c: Case, reminderId: string): boolean {
    return reminderPlansFor(this.deps, c, this.deps.clock.now()).some((plan) => plan.id === reminderId);
  }
}

type Where = { address: NonNullable<PreviousMessage['address']>; conversationCreated: boolean } | undefined;

/**
 * The Messenger's outcome as the drainer needs it: Teams' pacing (429 with Retry-After) and transient answers
 * (408, 412, 5xx, no response) are tried again by the drainer, other failures are final (docs/delivery.md).
 */
function resultOf(outcome: DeliveryOutcome, where: (newAddress: PreviousMessage['address'] | undefined) => Where): OutboxSendResult {
  switch (outcome.status) {
    case 'delivered': {
      const at = where(outcome.newAddress);
      if (at === undefined) return { status: 'failed', lastStatus: 'no_address' };
      return { status: 'delivered', messageId: outcome.messageId, ...at };
    }
    case 'unreachable':
      return { status: 'unreachable', lastStatus: 'unreachable' };
    case 'failed': {
      const lastStatus = String(outcome.lastStatus);
      if (!isTransient(outcome.lastStatus)) return { status: 'failed', lastStatus };
      return { status: 'retry', lastStatus, ...(outcome.retryAfterMs === undefined ? {} : { retryAfterMs: outcome.retryAfterMs }) };
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

function isTransient(status: Extract<DeliveryOutcome, { status: 'failed' }>['lastStatus']): boolean {
  if (typeof status !== 'number') return true;
  return status === 408 || status === 412 || status === 429 || status >= 500;
}
