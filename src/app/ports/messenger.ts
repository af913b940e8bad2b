import type { Case } from '../../domain/case/case';
import type { Reminder } from '../../domain/reminders/reminder';
import type { DeliveryAddress, Recipient } from './addresses';

/**
 * What the bot tells people about a case, as intents: the adapter that delivers them renders the card and
 * chooses the words (and the language) for its channel.
 */
export type CaseMessage =
  | { kind: 'case_card'; case: Case }
  | { kind: 'status'; case: Case; status: CaseStatusMessage }
  | { kind: 'question'; case: Case; questionId: string }
  | { kind: 'handover_card'; case: Case }
  | { kind: 'input_request'; case: Case; questionId: string }
  | { kind: 'reminder'; case: Case; reminder: Reminder };

/**
 * Short messages about a case. To the reporter: the process steps of domain/access/reporter-status.ts
 * (`received`, `taken`, `closed`, `merged`) and, to a reporter who made a report of concern, the unit's
 * feedback (`concern_feedback`, L14); never that the case went to social services (OSL 26 kap. 1 §).
 */
export const caseStatusMessages = [
  'received',
  'taken',
  'closed',
  'merged',
  'consent_recorded',
  'concern_feedback',
  'invitation',
] as const;
export type CaseStatusMessage = (typeof caseStatusMessages)[number];

/**
 * The end of one delivery attempt sequence. `unreachable` is final until someone acts (the app is not
 * installed for the person, or it was blocked or removed); `failed` is transient and worth a later sweep.
 */
export type DeliveryOutcome =
  | {
      status: 'delivered';
      /** Id of the message in the conversation: needed to update it in place later. */
      messageId: string;
      /** Set when the conversation had to be created (again): store it in place of the old address. */
      newAddress?: DeliveryAddress;
      /** True when the delivery's record in the case store is already saved as delivered (DeliveryLedger.keepsDeliveryRecords). */
      recorded?: true;
    }
  | { status: 'unreachable' }
  | {
      status: 'failed';
      attempts: number;
      lastStatus: number | 'no_response' | 'queue_full' | 'abandoned';
      /** What a 429's Retry-After asked for, when it said. */
      retryAfterMs?: number;
    };

/**
 * Sends case messages to recipients and updates them in place. Never throws for a delivery problem: the
 * outcome says what happened, and the caller records it on the case's delivery.
 */
export interface Messenger {
  /**
   * Sends to the recipient's stored address, or, for a person without one, to a personal chat created on
   * the way (the outcome's `newAddress` is then where it went).
   */
  send(recipient: Recipient, address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome>;
  update(address: DeliveryAddress, messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome>;
}
