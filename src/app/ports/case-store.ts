import type { AddressBook } from './addresses';
import type { AuditLog } from './audit';
import type { CaseRecords, CaseRetention } from './cases';
import type { OutboxStore } from '../outbox/outbox-store';
import type { DeliveryRecords } from './deliveries';
import type { ReminderStore } from './reminders';
import type { StatisticsStore } from './statistics';

/**
 * The single source of truth for cases: every narrower store port at once, because one database holds them
 * all (a case, its deliveries, reminders and audit rows change together). Use cases ask for the narrow ports
 * they use; the composition root hands them this. Implementations: SQLite (default), Cosmos DB, in-memory
 * (tests). Every implementation passes test/contract/case-store.contract.ts.
 */
export interface CaseStore extends CaseRecords, CaseRetention, AddressBook, DeliveryRecords, ReminderStore, AuditLog, StatisticsStore {
  /** The durable outbox in the same database, which `createCase` and `updateCase` write their messages to. */
  readonly outbox: OutboxStore;
  close(): Promise<void>;
}
