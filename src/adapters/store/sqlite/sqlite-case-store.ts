import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { AuditEntry } from '../../../app/ports/audit';
import type { StockholmTime } from '../../../app/ports/clock';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import type { CaseStore } from '../../../app/ports/case-store';
import type { ClaimedReminder, ReminderClaim } from '../../../app/ports/reminders';
import type { CreateCaseResult, NewCaseWith } from '../../../app/ports/cases';
import type { DeliveryAddress, StoredAddress } from '../../../app/ports/addresses';
import type { Case, NewCase } from '../../../domain/case/case';
import { isErased } from '../../../domain/retention/retention';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import type { OutboxStore } from '../../../app/outbox/outbox-store';
import { parseJsonColumn } from '../corrupt-row-error';
import { applyMigrations } from './migrations';
import { OutboxThroughWriter } from './sqlite-outbox';
import type { Outgoing } from '../../../app/ports/outbox';
import { SqliteReminders } from './sqlite-reminders';
import { prepareStatements, type Statements } from './sqlite-statements';
import { SqliteStatistics, statisticsColumnsOf, statisticsSql } from './sqlite-statistics';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../../domain/statistics/statistics-facts';
import { storedAuditDetailSchema } from '../stored-case-schema';
import { WalCheckpointer } from './wal-checkpointer';
import { openConnection } from './sqlite-connection';
import { caseFromRow, deliveryFromRow } from './sqlite-rows';
import { SqliteWrites, type SqliteWriter } from './sqlite-writes';
import { SqliteWriterThread } from './sqlite-writer-thread';

type UpdateResult = Awaited<ReturnType<CaseStore['updateCase']>>;

// Rows come back from better-sqlite3 untyped; these describe what our own SELECTs return.
const addressRowSchema = z.object({ address: z.string(), updated_at: z.string() });
const storedAddressSchema = z.object({ transport: z.string().min(1), value: z.string() }).strict();
const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_id: z.string(),
  action: z.string(),
  case_id: z.string().nullable(),
  detail: z.string().nullable(),
});

export interface SqliteStoreOptions {
  /**
   * Checkpoint the WAL from a worker thread this often instead of inside the commits of this connection
   * (see WalCheckpointer). The server sets it; without it SQLite checkpoints automatically, as by default.
   */
  checkpointEveryMs?: number;
  /** With `checkpointEveryMs`: the WAL length (pages) past which the worker restarts it (see WalCheckpointer). */
  restartWalAtPages?: number;
  /**
   * With `checkpointEveryMs`: told when the checkpoint worker failed. SQLite's own checkpoints are on again by
   * then (commits slow down, nothing is lost); the server logs it, since only a restart brings the worker back.
   */
  onCheckpointerFailure?: (error: unknown) => void;
  /**
   * Write from a worker thread with its own connection (SqliteWriterThread): the server sets it, so that commits
   * and SQLite's write lock never hold up the requests. Without it the store writes on its own connection.
   */
  writerThread?: boolean;
  /** With `writerThread`: told when the writer thread died. Every write fails from then on; the server logs it. */
  onWriterFailure?: (error: unknown) => void;
}

/** SQLite's own default for `wal_autocheckpoint`, restored when the background checkpointer fails. */
const sqliteDefaultAutoCheckpointPages = 1000;

/**
 * The WAL length at which the checkpoint worker restarts the WAL: 4,096 frames, one hash table of SQLite's
 * WAL index, so that finding a page in the WAL stays one lookup (each further 4,096 frames add a table to
 * search on every page read).
 */
const walRestartPages = 4096;

/**
 * CaseStore on one SQLite file (WAL). Reads run on this connection; writes go to a SqliteWriter (SqliteWrites on
 * this connection, or the writer thread), each in one transaction, so creating a case, taking its running number
 * and checking its submission key happen atomically. A case write carries its statistics row, dated here.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly db: Database;
  private readonly statements: Statements;
  private readonly reminders: SqliteReminders;
  private readonly statistics: SqliteStatistics;
  /** The outbox in the same file, so that a case write and the messages it causes commit together. */
  readonly outbox: OutboxStore;
  private checkpointer?: WalCheckpointer;

  private constructor(
    db: Database,
    private readonly stockholm: StockholmTime,
    private readonly writer: SqliteWriter,
  ) {
    this.db = db;
    const statements = prepareStatements(db);
    this.statements = statements;
    this.reminders = new SqliteReminders(db, statements);
    this.statistics = new SqliteStatistics(db);
    this.outbox = new OutboxThroughWriter(db, writer);
  }

  /**
   * Opens (creating folder and file if missing) and migrates the database at `filePath`. `stockholm` dates each
   * case's statistics row (the composition root passes its Clock).
   */
  static open(filePath: string, stockholm: StockholmTime, options: SqliteStoreOptions = {}): SqliteCaseStore {
    let db: Database | undefined;
    try {
      db = openConnection(filePath);
      applyMigrations(db, filePath);
      backfillStatistics(db, stockholm);
      const background = options.checkpointEveryMs !== undefined;
      if (background) db.pragma('wal_autocheckpoint = 0');
      const writer = options.writerThread
        ? new SqliteWriterThread({ filePath, autoCheckpointPages: background ? 0 : sqliteDefaultAutoCheckpointPages }, options.onWriterFailure)
        : new SqliteWrites(db);
      const store = new SqliteCaseStore(db, stockholm, writer);
      if (options.checkpointEveryMs !== undefined) {
        store.checkpointInBackground(filePath, options.checkpointEveryMs, options.restartWalAtPages ?? walRestartPages, options.onCheckpointerFailure);
      }
      return store;
    } catch (error) {
      db?.close();
      throw new Error(`Could not open the case database at ${filePath}`, { cause: error });
    }
  }

  async createCase(newCase: NewCase, referenceYear: number, outgoing?: NewCaseWith): Promise<CreateCaseResult> {
    const outcome = await this.writer.createCase(newCase, referenceYear, statisticsColumnsOf(newCase, this.stockholm), outgoing);
    if (outcome.created) return { case: { ...newCase, reference: outcome.reference, version: 1 }, created: true };
    const existing = await this.getCase(outcome.existingId);
    if (existing === undefined) throw new Error(`Case ${outcome.existingId}: stored under the submission key but not readable`);
    return { case: existing, created: false };
  }

  async getCase(id: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseById.get(id));
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseByReference.get(reference));
  }

  async listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]> {
    const rows = this.statements.casesByReporter.all(tenantId, reporterId, rowLimit(limit));
    return rows.map(caseFromRow);
  }

  async listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]> {
    const rows =
      'teamId' in filter
        ? this.statements.openCasesByTeam.all(filter.teamId, rowLimit(limit))
        : this.statements.openCasesByFallbackDistrict.all(filter.fallbackDistrictCode, rowLimit(limit));
    return rows.map(caseFromRow);
  }

  async listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]> {
    return this.statements.openCasesAtSchool.all(schoolId, rowLimit(limit)).map(caseFromRow);
  }

  async listOpenHandovers(unitId: string, limit: number): Promise<Case[]> {
    return this.statements.openHandovers.all(unitId, rowLimit(limit)).map(caseFromRow);
  }

  /**
   * The update and the enqueueing of the messages it causes, in one transaction: both commit or neither (no
   * outbox row for a conflicting update).
   */
  async updateCase(next: Case, expectedVersion: number, outgoing?: Outgoing): Promise<UpdateResult> {
    const updated: Case = { ...next, version: expectedVersion + 1 };
    const outcome = await this.writer.updateCase(next, expectedVersion, statisticsColumnsOf(updated, this.stockholm), outgoing);
    return outcome.ok ? { ok: true, case: updated } : outcome;
  }

  async listCasesDueForErasure(filter: { closedBefore: string }, limit: number): Promise<Case[]> {
    return this.statements.casesDueForErasure.all(filter.closedBefore, rowLimit(limit)).map(caseFromRow);
  }

  async eraseCase(erased: Case, expectedVersion: number): Promise<UpdateResult> {
    if (!isErased(erased)) throw new Error(`Case ${erased.id}: eraseCase needs an erased case (erasures or erasedAt set)`);
    const updated: Case = { ...erased, version: expectedVersion + 1 };
    const outcome = await this.writer.eraseCase(erased, expectedVersion, statisticsColumnsOf(updated, this.stockholm));
    return outcome.ok ? { ok: true, case: updated } : outcome;
  }

  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    return this.writer.saveAddress(key, address, at);
  }

  async getAddress(key: string): Promise<StoredAddress | undefined> {
    const row: unknown = this.statements.addressByKey.get(key);
    if (row === undefined) return undefined;
    const { address, updated_at } = addressRowSchema.parse(row);
    return { address: parseJsonColumn('addresses', key, 'address', address, storedAddressSchema), updatedAt: updated_at };
  }

  async saveDelivery(delivery: CaseDelivery): Promise<void> {
    return this.writer.saveDelivery(delivery);
  }

  async getDelivery(key: string): Promise<CaseDelivery | undefined> {
    const row: unknown = this.statements.deliveryByKey.get(key);
    return row === undefined ? undefined : deliveryFromRow(row);
  }

  async listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]> {
    return this.statements.deliveriesByCase.all(caseId).map(deliveryFromRow);
  }

  async listUndelivered(limit: number): Promise<CaseDelivery[]> {
    return this.statements.undelivered.all(rowLimit(limit)).map(deliveryFromRow);
  }

  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    return this.writer.replaceCaseReminders(caseId, planned, at);
  }

  async listRemindersForCase(caseId: string): Promise<Reminder[]> {
    return this.reminders.listForCase(caseId);
  }

  async snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return this.writer.snoozeReminder(caseId, reminderId, until, at);
  }

  async claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return this.writer.claimDueReminders(request);
  }

  async completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.writer.completeReminder(claim, outcome, at);
  }

  async releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.writer.releaseReminder(claim, retryAt, at);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    return this.writer.appendAudit(entry);
  }

  async listAudit(filter: { caseId?: string; from?: string; to?: string }): Promise<AuditEntry[]> {
    const rows = this.statements.audit.all({ caseId: filter.caseId ?? null, from: filter.from ?? null, to: filter.to ?? null });
    return rows.map((raw) => {
      const row = auditRowSchema.parse(raw);
      const entry: AuditEntry = { at: row.at, actorId: row.actor_id, action: row.action };
      if (row.case_id !== null) entry.caseId = row.case_id;
      if (row.detail !== null) entry.detail = parseJsonColumn('audit', String(row.id), 'detail', row.detail, storedAuditDetailSchema);
      return entry;
    });
  }

  async statisticsFacts(query: StatisticsFactsQuery): Promise<StatisticsFacts> {
    return this.statistics.facts(query);
  }

  /** Commits the writes that wait, stops the checkpoint worker and closes the connection. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /** See WalCheckpointer: this store's commits stop checkpointing, a worker thread does it. */
  private checkpointInBackground(filePath: string, everyMs: number, restartAtPages: number, onFailure?: (error: unknown) => void): void {
    this.checkpointer = new WalCheckpointer(filePath, { intervalMs: everyMs, restartAtPages }, (error) => {
      if (this.db.open) void this.writer.checkpointInCommits(sqliteDefaultAutoCheckpointPages).catch(() => undefined);
      onFailure?.(error);
    });
  }

  private readCase(row: unknown): Case | undefined {
    return row === undefined ? undefined : caseFromRow(row);
  }
}

/** Cases written before the statistics table existed (migration 8) get their rows once, at open. */
function backfillStatistics(db: Database, stockholm: StockholmTime): void {
  const upsert = db.prepare(statisticsSql.upsertRow);
  db.transaction(() => {
    for (const row of db.prepare(statisticsSql.casesWithoutRow).all()) upsert.run(statisticsColumnsOf(caseFromRow(row), stockholm));
  }).immediate();
}

/** A negative LIMIT means "no limit" to SQLite; nobody asking for fewer than none means that. */
const rowLimit = (limit: number): number => Math.max(0, Math.floor(limit));
