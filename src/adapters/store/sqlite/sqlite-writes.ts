import type { Database, Transaction } from 'better-sqlite3';
import { z } from 'zod';
import type { AuditEntry } from '../../../app/ports/audit';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import type { ClaimedReminder, ReminderClaim } from '../../../app/ports/reminders';
import type { NewCaseWith } from '../../../app/ports/cases';
import type { DeliveryAddress } from '../../../app/ports/addresses';
import type { Outgoing } from '../../../app/ports/outbox';
import type { EntryRef } from '../../../app/outbox/outbox-message';
import type { LaneLease, SettleOptions, SlotResult } from '../../../app/outbox/outbox-store';
import type { SendLimits } from '../../../app/outbox/send-window';
import type { Case, NewCase } from '../../../domain/case/case';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import { formatCaseReference } from '../../../domain/case/reference';
import { endedAt } from '../../../domain/retention/retention';
import { storedDeliveryOf } from '../stored-delivery-schema';
import { deliveryFromRow } from './sqlite-rows';
import { SqliteOutbox } from './sqlite-outbox';
import { SqliteReminders } from './sqlite-reminders';
import { prepareStatements, type Statements } from './sqlite-statements';
import { statisticsSql, type StatisticsColumns } from './sqlite-statistics';
import { GroupCommit } from './group-commit';

/** What a case write answers: the store builds the case itself (it knows what it asked to write). */
export type CreateOutcome = { created: true; reference: string } | { created: false; existingId: string };
export type UpdateOutcome = { ok: true } | { ok: false; reason: 'conflict' | 'not_found' };

/**
 * Every write of the SQLite store, over one connection: the methods a writer thread runs for the server
 * (SqliteWriterThread), or the store runs itself on its own connection (one-off scripts, most tests). Arguments
 * and answers are plain data, so that they can cross to another thread; a case write takes its statistics row
 * computed by the caller, which holds the StockholmTime port.
 */
export interface SqliteWriter {
  createCase(newCase: NewCase, referenceYear: number, statistics: StatisticsColumns, w?: NewCaseWith): Promise<CreateOutcome>;
  updateCase(next: Case, expectedVersion: number, statistics: StatisticsColumns, outgoing?: Outgoing): Promise<UpdateOutcome>;
  eraseCase(erased: Case, expectedVersion: number, statistics: StatisticsColumns): Promise<UpdateOutcome>;
  saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void>;
  saveDelivery(delivery: CaseDelivery): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void>;
  snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined>;
  claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]>;
  completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean>;
  releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean>;
  enqueue(messages: Outgoing['messages'], at: string): Promise<void>;
  claimLanes(request: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]>;
  takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult>;
  settle(lease: LaneLease, ref: EntryRef, options?: SettleOptions): Promise<boolean>;
  retryLater(lease: LaneLease, ref: EntryRef, attempts: number, until: number): Promise<boolean>;
  pauseLane(lease: LaneLease, until: number): Promise<boolean>;
  releaseLane(lease: LaneLease, now: number): Promise<void>;
  /** Lets SQLite checkpoint in this connection's commits again (the background checkpointer failed). */
  checkpointInCommits(pages: number): Promise<void>;
  /** Commits what waits and closes the connection. */
  close(): Promise<void>;
}

const idRowSchema = z.object({ id: z.string() });
const sequenceRowSchema = z.object({ last: z.number().int().positive() });

/**
 * SqliteWriter on a connection in this thread. Case writes of one event-loop turn commit together (GroupCommit);
 * the other writes commit one by one, each in an immediate transaction (SQLite's write lock taken before reading),
 * so that two processes on one file never claim the same lane or reminder.
 */
export class SqliteWrites implements SqliteWriter {
  private readonly statements: Statements;
  private readonly reminders: SqliteReminders;
  private readonly outbox: SqliteOutbox;
  private readonly group: GroupCommit;
  private readonly createCaseOnce: Transaction<(newCase: NewCase, referenceYear: number, statistics: StatisticsColumns, w?: NewCaseWith) => CreateOutcome>;
  private readonly updateCaseIfVersion: Transaction<(next: Case, expectedVersion: number, statistics: StatisticsColumns) => UpdateOutcome>;
  private readonly eraseCaseIfVersion: Transaction<(erased: Case, expectedVersion: number, statistics: StatisticsColumns) => UpdateOutcome>;

  constructor(private readonly db: Database) {
    const statements = prepareStatements(db);
    this.statements = statements;
    this.group = new GroupCommit(db);
    this.reminders = new SqliteReminders(db, statements);
    this.outbox = new SqliteOutbox(db, (delivery) => this.saveDeliveryRow(delivery));
    const upsertStatistics = db.prepare(statisticsSql.upsertRow);

    // A case with its messages, reminders and audit rows: one commit (a repeated submission writes none of them).
    this.createCaseOnce = db.transaction((newCase: NewCase, referenceYear: number, statistics: StatisticsColumns, w?: NewCaseWith): CreateOutcome => {
      const existing: unknown = statements.caseBySubmissionKey.get(newCase.submissionKey);
      if (existing !== undefined) return { created: false, existingId: idRowSchema.parse(existing).id };
      const district = newCase.routing.schoolDistrictCode;
      const { last } = sequenceRowSchema.parse(statements.nextSequence.get(district, referenceYear));
      const stored: Case = { ...newCase, reference: formatCaseReference(district, referenceYear, last), version: 1 };
      statements.insertCase.run(columnsOf(stored));
      upsertStatistics.run(statistics);
      if (w !== undefined) {
        if (w.messages.length > 0) this.outbox.enqueueInTransaction(w.messages, w.at);
        if (w.reminders) this.reminders.replace(stored.id, w.reminders, w.at);
        for (const entry of w.audit ?? []) this.insertAudit(entry);
      }
      return { created: true, reference: stored.reference };
    });

    this.updateCaseIfVersion = db.transaction((next: Case, expectedVersion: number, statistics: StatisticsColumns): UpdateOutcome => {
      const { changes } = statements.updateCase.run({ ...columnsOf({ ...next, version: expectedVersion + 1 }), expectedVersion });
      if (changes === 1) {
        upsertStatistics.run(statistics);
        return { ok: true };
      }
      return { ok: false, reason: statements.caseExists.get(next.id) === undefined ? 'not_found' : 'conflict' };
    });

    this.eraseCaseIfVersion = db.transaction((erased: Case, expectedVersion: number, statistics: StatisticsColumns): UpdateOutcome => {
      const result = this.updateCaseIfVersion(erased, expectedVersion, statistics);
      if (!result.ok) return result;
      for (const row of statements.deliveriesByCase.all(erased.id)) {
        const { address: _address, ...kept } = deliveryFromRow(row);
        this.saveDeliveryRow(kept);
      }
      this.outbox.deleteForCaseInTransaction(erased.id);
      return result;
    });
  }

  async createCase(newCase: NewCase, referenceYear: number, statistics: StatisticsColumns, w?: NewCaseWith): Promise<CreateOutcome> {
    return this.group.run(() => this.createCaseOnce(newCase, referenceYear, statistics, w));
  }

  /** The update and the messages it causes, in one transaction: no outbox row for a conflicting update. */
  async updateCase(next: Case, expectedVersion: number, statistics: StatisticsColumns, outgoing?: Outgoing): Promise<UpdateOutcome> {
    return this.group.run((): UpdateOutcome => {
      const result = this.updateCaseIfVersion(next, expectedVersion, statistics);
      if (result.ok && outgoing !== undefined && outgoing.messages.length > 0) this.outbox.enqueueInTransaction(outgoing.messages, outgoing.at);
      return result;
    });
  }

  async eraseCase(erased: Case, expectedVersion: number, statistics: StatisticsColumns): Promise<UpdateOutcome> {
    const result = this.eraseCaseIfVersion.immediate(erased, expectedVersion, statistics);
    // The WAL still holds the pages as they were before the erase: copy them back and empty the file.
    if (result.ok) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }

  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    this.statements.upsertAddress.run({ key, address: JSON.stringify({ transport: address.transport, value: address.value }), at });
  }

  async saveDelivery(delivery: CaseDelivery): Promise<void> {
    this.saveDeliveryRow(delivery);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.insertAudit(entry);
  }

  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    this.reminders.replace(caseId, planned, at);
  }

  async snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return this.reminders.snooze({ caseId, reminderId, until, at });
  }

  async claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return this.reminders.claimDue(request);
  }

  async completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.reminders.complete(claim, outcome, at);
  }

  async releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.reminders.release(claim, retryAt, at);
  }

  async enqueue(messages: Outgoing['messages'], at: string): Promise<void> {
    return this.outbox.enqueue(messages, at);
  }

  async claimLanes(request: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]> {
    return this.outbox.claimLanes(request);
  }

  async takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult> {
    return this.outbox.takeSendSlot(lease, limits, now);
  }

  async settle(lease: LaneLease, ref: EntryRef, options?: SettleOptions): Promise<boolean> {
    return this.outbox.settle(lease, ref, options);
  }

  async retryLater(lease: LaneLease, ref: EntryRef, attempts: number, until: number): Promise<boolean> {
    return this.outbox.retryLater(lease, ref, attempts, until);
  }

  async pauseLane(lease: LaneLease, until: number): Promise<boolean> {
    return this.outbox.pauseLane(lease, until);
  }

  async releaseLane(lease: LaneLease, now: number): Promise<void> {
    return this.outbox.releaseLane(lease, now);
  }

  async checkpointInCommits(pages: number): Promise<void> {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${pages}`);
  }

  /** Commits what waits (the connection is the caller's to close). */
  flush(): void {
    if (this.db.open) this.group.flush();
  }

  async close(): Promise<void> {
    this.flush();
  }

  private saveDeliveryRow(delivery: CaseDelivery): void {
    const stored = storedDeliveryOf(delivery);
    this.statements.upsertDelivery.run({
      key: stored.key,
      caseId: stored.caseId,
      status: stored.status,
      createdAt: stored.createdAt,
      body: JSON.stringify(stored),
    });
  }

  private insertAudit(entry: AuditEntry): void {
    this.statements.insertAudit.run({
      at: entry.at,
      actorId: entry.actorId,
      action: entry.action,
      caseId: entry.caseId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    });
  }
}

/** The queried columns are copies of fields in `body`; they are always written together. */
function columnsOf(c: Case) {
  return {
    id: c.id,
    reference: c.reference,
    submissionKey: c.submissionKey,
    tenantId: c.tenantId,
    reporterId: c.reporterId,
    createdAt: c.createdAt,
    schoolDistrictCode: c.routing.schoolDistrictCode,
    state: c.state,
    schoolId: c.schoolId,
    sstTeamId: c.routing.sstTeamId ?? null,
    fallbackDistrictCode: c.routing.fallbackDistrictCode ?? null,
    ownerKind: c.owner.kind,
    closedAt: endedAt(c) ?? null,
    erasedAt: c.erasedAt ?? null,
    version: c.version,
    body: JSON.stringify(c),
  };
}
