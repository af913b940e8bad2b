import type { DeliveryAddress } from './addresses';

export const deliveryPurposes = ['case_card', 'handover_card', 'status', 'question', 'reminder'] as const;
export type DeliveryPurpose = (typeof deliveryPurposes)[number];
export const deliveryStatuses = ['pending', 'delivered', 'unreachable', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One message the bot sends about a case to one recipient. The key is unique and stable (a retry uses the
 * same key), so a message is never sent twice; `messageId` lets the card be updated in place later.
 */
export interface CaseDelivery {
  key: string;
  caseId: string;
  /** Address-book key of the recipient (`inbox:<team>`, `person:<tenant>:<user>`). */
  recipient: string;
  purpose: DeliveryPurpose;
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
}

/**
 * Durable record of delivery keys that reached their inbox, so that a retry, a sweep or a restart never
 * sends the same key twice. Implementations: on the case store's delivery records, and in memory (tests).
 */
export interface DeliveryLedger {
  find(key: string): Promise<DeliveredRecord | undefined>;
  record(entry: DeliveredRecord): Promise<void>;
}
