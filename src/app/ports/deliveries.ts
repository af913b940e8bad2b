import type { DeliveryAddress, Recipient } from './addresses';
import type { CaseStatusMessage } from './messenger';

export const deliveryPurposes = ['case_card', 'handover_card', 'status', 'question', 'reminder'] as const;
export type DeliveryPurpose = (typeof deliveryPurposes)[number];
export const deliveryStatuses = ['pending', 'delivered', 'unreachable', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * What one delivery about a case carries, as data: the parts of its key other than the case and the
 * recipient. Stored on the delivery record (`CaseDelivery.subject`), so that nobody reads a key back.
 */
export type DeliverySubject =
  /** The case card in a team's inbox (or a team member's chat). */
  | { what: 'case_card' }
  /** The handover card at one investigation unit: a forward sends it once more, to the next unit. */
  | { what: 'handover_card'; unitId: string }
  /** An investigator's input request as its exchange card (the handover card), to the team and the requester. */
  | { what: 'input_request_card' }
  | { what: 'status'; status: CaseStatusMessage }
  /** The team's question to the reporters. */
  | { what: 'question'; questionId: string }
  /** The unit's request for input to the team's side of a handed-over case. */
  | { what: 'input'; questionId: string }
  /** One reminder; a snoozed reminder comes again under a key of its own, one per snooze. */
  | { what: 'reminder'; reminderId: string; snoozedUntil?: string };

/**
 * The subject as a delivery record holds it. `unrecognised`: a record written before subjects were stored whose
 * key names none of the above (the store's reader derives the subject of older records once, on reading).
 */
export type StoredDeliverySubject = DeliverySubject | { what: 'unrecognised' };

/**
 * One message the bot sends about a case to one recipient. The key is unique and stable (a retry uses the
 * same key), so a message is never sent twice; `messageId` lets the card be updated in place later.
 */
export interface CaseDelivery {
  key: string;
  caseId: string;
  /** Address-book key of the recipient (`inbox:<team>`, `person:<tenant>:<user>`). */
  recipient: string;
  /** The recipient as data; absent only on a record written before it was stored whose `recipient` names no one. */
  to?: Recipient;
  purpose: DeliveryPurpose;
  /** What the message is (the key's parts as data): what a retry sends again and a refresh updates. */
  subject: StoredDeliverySubject;
  status: DeliveryStatus;
  /** Where it went, once known; a personal chat created on first delivery is stored here. */
  address?: DeliveryAddress;
  messageId?: string;
  attempts: number;
  /** The last HTTP status or failure code, for coordinators and operators. */
  lastStatus?: string;
  createdAt: string;
  updatedAt: string;
}

/** The case's delivery records: where its messages went, and which have not arrived yet. */
export interface DeliveryRecords {
  /** Stores a delivery record, replacing the one with the same key. */
  saveDelivery(delivery: CaseDelivery): Promise<void>;
  getDelivery(key: string): Promise<CaseDelivery | undefined>;
  /** Every delivery of one case, oldest first: where its card went, so that it can be updated in place. */
  listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]>;
  /** Deliveries that have not reached their inbox (pending, failed, unreachable), oldest first. */
  listUndelivered(limit: number): Promise<CaseDelivery[]>;
}

export interface DeliveredRecord {
  key: string;
  messageId: string;
  at: string;
  /** Where it went: the conversation it was sent to (a personal chat created for it included). */
  address?: DeliveryAddress;
}

/**
 * Durable record of delivery keys that reached their inbox, so that a retry, a sweep or a restart never
 * sends the same key twice. Implementations: on the case store's delivery records, and in memory (tests).
 */
export interface DeliveryLedger {
  find(key: string): Promise<DeliveredRecord | undefined>;
  record(entry: DeliveredRecord): Promise<void>;
  /**
   * True when `record` writes the delivery's own record in the case store as delivered (with its address), so
   * that the caller need not write it again (one write per delivered message, not two).
   */
  readonly keepsDeliveryRecords: boolean;
}
