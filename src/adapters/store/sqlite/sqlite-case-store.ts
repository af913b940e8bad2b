import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Transaction } from 'better-sqlite3';
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
import { endedAt } from '../../../domain/retention/retention';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import { formatCaseReference } from '../../../domain/case/reference';
import { parseJsonColumn } from '../corrupt-row-error';
import { applyMigrations } from './migrations';
import { SqliteOutbox } from './sqlite-outbox';
import type { Outgoing } from '../../../app/ports/outbox';
import { SqliteReminders } from './sqlite-reminders';
import { prepareStatements, type Statements } from './sqlite-statements';
import { SqliteStatistics, statisticsColumnsOf, statisticsSql } from './sqlite-statistics';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../../domain/statistics/statistics-facts';
import { storedAuditDetailSchema, storedCaseSchema } from '../stored-case-schema';
import { storedDeliveryOf, storedDeliverySchema } from '../stored-delivery-schema';
import { WalCheckpointer } from './wal-checkpointer';
import { GroupCommit } from './group-commit';

type UpdateResult = Awaited<ReturnType<CaseStore['updateCase']>>;

// Rows come back from better-sqlite3 untyped; these describe what our own SELECTs return.
const caseRowSchema = z.object({ id: z.string(), body: z.string() });
const deliveryRowSchema = z.object({ key: z.string(), body: z.string() });
const sequenceRowSchema = z.object({ last: z.number().int().positive() });
const awaitingRowSchema = z.object({ case_id: z.string() });
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
}

/** SQLite's own default for `wal_autocheckpoint`, restored when the background checkpointer fails. */
const sqliteDefaultAutoCheckpointPages = 1000;
/** Another process (a second instance, a backup) may hold the write lock briefly: wait this long, do not fail. */
const sqliteBusyTimeoutMs = 5_000;
/** What `PRAGMA wal_checkpoint` answers: whether it was refused, and the WAL's frames left. */
const walCheckpointRowsSchema = z.array(z.object({ busy: z.number(), log: z.number(), checkpointed: z.number() }));

/**
 * The WAL length at which the checkpoint worker restarts the WAL: 4,096 frames, one hash table of SQLite's
 * WAL index, so that finding a page in the WAL stays one lookup (each further 4,096 frames add a table to
 * search on every page read).
 */
const walRestartPages = 4096;

/**
 * CaseStore on one SQLite file (WAL). better-sqlite3 runs each call synchronously inside one transaction,
 * so creating a case, taking its running number and checking its submission key happen atomically.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly db: Database;
  private readonly statements: Statements;
  private readonly reminders: SqliteReminders;
  private readonly statistics: SqliteStatistics;
  /** The outbox in the same file, so that a case write and the messages it causes commit together. */
  readonly outbox: SqliteOutbox;
  private readonly createCaseOnce: Transaction<(newCase: NewCase, referenceYear: number) => CreateCaseResult>;
  private readonly createCaseWith: Transaction<(newCase: NewCase, referenceYear: number, w: NewCaseWith) => CreateCaseResult>;
  private readonly updateCaseIfVersion: Transaction<(next: Case, expectedVersion: number) => UpdateResult>;
  private readonly eraseCaseIfVersion: Transaction<(erased: Case, expectedVersion: number) => UpdateResult>;
  private checkpointer?: WalCheckpointer;
  /** Case writes of one event-loop turn commit together (GroupCommit). */
  private readonly group: GroupCommit;

  private constructor(db: Database, stockholm: StockholmTime) {
    this.db = db;
    this.group = new GroupCommit(db);
    const statements = prepareStatements(db);
    this.statements = statements;
    this.reminders = new SqliteReminders(db, statements);
    this.statistics = new SqliteStatistics(db);
    const outbox = new SqliteOutbox(db, (delivery) => this.saveDeliveryRow(delivery), (work) => this.group.run(work));
    this.outbox = outbox;
    const upsertStatistics = db.prepare(statisticsSql.upsertRow);
    const writeStatistics = (c: Case): void => {
      upsertStatistics.run(statisticsColumnsOf(c, stockholm));
    };
    // Cases written before the statistics table existed (migration 8) get their rows once, here.
    db.transaction(() => {
      for (const row of db.prepare(statisticsSql.casesWithoutRow).all()) writeStatistics(this.toCase(row));
    }).immediate();

    this.createCaseOnce = db.transaction((newCase: NewCase, referenceYear: number): CreateCaseResult => {
      const existing: unknown = statements.caseBySubmissionKey.get(newCase.submissionKey);
      if (existing !== undefined) return { case: this.toCase(existing), created: false };
      const district = newCase.routing.schoolDistrictCode;
      const { last } = sequenceRowSchema.parse(statements.nextSequence.get(district, referenceYear));
      const stored: Case = { ...newCase, reference: formatCaseReference(district, referenceYear, last), version: 1 };
      statements.insertCase.run(columnsOf(stored));
      writeStatistics(stored);
      return { case: stored, created: true };
    });

    // A case with its messages, its marks for what is planned later and its audit rows: one commit (a repeated submission writes none of them).
    this.createCaseWith = db.transaction((newCase: NewCase, referenceYear: number, w: NewCaseWith): CreateCaseResult => {
      const result = this.createCaseOnce(newCase, referenceYear);
      if (!result.created) return result;
      if (w.messages.length > 0) outbox.enqueueInTransaction(w.messages, w.at);
      if (w.firstMessages === 'later') statements.markFirstMessagesToPlan.run(result.case.id, w.at);
      if (w.reminders === 'later') this.reminders.planLater(result.case.id, w.at);
      for (const entry of w.audit ?? []) this.insertAudit(entry);
      return result;
    });

    this.updateCaseIfVersion = db.transaction((next: Case, expectedVersion: number): UpdateResult => {
      const updated: Case = { ...next, version: expectedVersion + 1 };
      const { changes } = statements.updateCase.run({ ...columnsOf(updated), expectedVersion });
      if (changes === 1) {
        writeStatistics(updated);
        return { ok: true, case: updated };
      }
      return { ok: false, reason: statements.caseExists.get(next.id) === undefined ? 'not_found' : 'conflict' };
    });

    this.eraseCaseIfVersion = db.transaction((erased: Case, expectedVersion: number): UpdateResult => {
      const result = this.updateCaseIfVersion(erased, expectedVersion);
      if (!result.ok) return result;
      for (const row of statements.deliveriesByCase.all(erased.id)) {
        const { address: _address, ...kept } = toDelivery(row);
        this.saveDeliveryRow(kept);
      }
      outbox.deleteForCaseInTransaction(erased.id);
      return result;
    });
  }

  /**
   * Opens (creating folder and file if missing) and migrates the database at `filePath`. `stockholm` dates each
   * case's statistics row (the composition root passes its Clock).
   */
  static open(filePath: string, stockholm: StockholmTime, options: SqliteStoreOptions = {}): SqliteCaseStore {
    mkdirSync(dirname(filePath), { recursive: true });
    const db = new BetterSqlite3(filePath);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
      // Deleted and overwritten content is zeroed in the file, so an erased case leaves no readable copy (retention).
      db.pragma('secure_delete = ON');
      applyMigrations(db, filePath);
      const store = new SqliteCaseStore(db, stockholm);
      if (options.checkpointEveryMs !== undefined) {
        store.checkpointInBackground(filePath, options.checkpointEveryMs, options.restartWalAtPages ?? walRestartPages, options.onCheckpointerFailure);
      }
      return store;
    } catch (error) {
      db.close();
      throw new Error(`Could not open the case database at ${filePath}`, { cause: error });
    }
  }

  async createCase(newCase: NewCase, referenceYear: number, outgoing?: NewCaseWith): Promise<CreateCaseResult> {
    if (outgoing === undefined) return this.group.run(() => this.createCaseOnce(newCase, referenceYear));
    return this.group.run(() => this.createCaseWith(newCase, referenceYear, outgoing));
  }

  async getCase(id: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseById.get(id));
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseByReference.get(reference));
  }

  async listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]> {
    const rows = this.statements.casesByReporter.all(tenantId, reporterId, rowLimit(limit));
    return rows.map((row) => this.toCase(row));
  }

  async listOpenCases(filter: { teamId: string } | { fallbackDistrictCode: string }, limit: number): Promise<Case[]> {
    const rows =
      'teamId' in filter
        ? this.statements.openCasesByTeam.all(filter.teamId, rowLimit(limit))
        : this.statements.openCasesByFallbackDistrict.all(filter.fallbackDistrictCode, rowLimit(limit));
    return rows.map((row) => this.toCase(row));
  }

  async listOpenCasesAtSchool(schoolId: string, limit: number): Promise<Case[]> {
    return this.statements.openCasesAtSchool.all(schoolId, rowLimit(limit)).map((row) => this.toCase(row));
  }

  async listOpenHandovers(unitId: string, limit: number): Promise<Case[]> {
    return this.statements.openHandovers.all(unitId, rowLimit(limit)).map((row) => this.toCase(row));
  }

  /**
   * The update and the enqueueing of the messages it causes, in one transaction: both commit or neither (no
   * outbox row for a conflicting update).
   */
  async updateCase(next: Case, expectedVersion: number, outgoing?: Outgoing): Promise<UpdateResult> {
    return this.group.run((): UpdateResult => {
      const result = this.updateCaseIfVersion(next, expectedVersion);
      if (result.ok && outgoing !== undefined && outgoing.messages.length > 0) this.outbox.enqueueInTransaction(outgoing.messages, outgoing.at);
      return result;
    });
  }

  async listCasesAwaitingFirstMessages(limit: number): Promise<string[]> {
    return this.statements.casesAwaitingFirstMessages.all(rowLimit(limit)).map((row) => awaitingRowSchema.parse(row).case_id);
  }

  async storeFirstMessages(caseId: string, outgoing: Outgoing): Promise<void> {
    return this.group.run(() => {
      if (outgoing.messages.length > 0) this.outbox.enqueueInTransaction(outgoing.messages, outgoing.at);
      this.statements.firstMessagesPlanned.run(caseId);
    });
  }

  async listCasesDueForErasure(filter: { closedBefore: string }, limit: number): Promise<Case[]> {
    return this.statements.casesDueForErasure.all(filter.closedBefore, rowLimit(limit)).map((row) => this.toCase(row));
  }

  async eraseCase(erased: Case, expectedVersion: number): Promise<UpdateResult> {
    if (!isErased(erased)) throw new Error(`Case ${erased.id}: eraseCase needs an erased case (erasures or erasedAt set)`);
    const result = this.eraseCaseIfVersion.immediate(erased, expectedVersion);
    // The WAL still holds the pages as they were before the erase: copy them back and empty the file.
    if (result.ok) await this.truncateWal();
    return result;
  }

  /**
   * Copies the whole WAL into the database file and truncates the WAL to nothing, trying again every few
   * milliseconds while another connection is in the way (the checkpoint worker's own checkpoint, or a reader's
   * snapshot such as a backup): a TRUNCATE checkpoint that is refused says so in its result and leaves the WAL as
   * it was, erased texts included. Each try is refused at once rather than after the connection's busy timeout,
   * so that the event loop is not held while it waits. After `waitMs` it gives up without failing the erase, which
   * is committed and audited by its caller: the texts then leave the WAL at the next erase.
   */
  private async truncateWal(waitMs = 5_000): Promise<void> {
    const giveUpAt = performance.now() + waitMs;
    for (;;) {
      this.db.pragma('busy_timeout = 0');
      let outcome: unknown;
      try {
        outcome = this.db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        this.db.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
      }
      const [row] = walCheckpointRowsSchema.parse(outcome);
      if (row !== undefined && row.busy === 0 && row.log === 0) return;
      if (performance.now() >= giveUpAt) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    this.statements.upsertAddress.run({ key, address: JSON.stringify({ transport: address.transport, value: address.value }), at });
  }

  async getAddress(key: string): Promise<StoredAddress | undefined> {
    const row: unknown = this.statements.addressByKey.get(key);
    if (row === undefined) return undefined;
    const { address, updated_at } = addressRowSchema.parse(row);
    return { address: parseJsonColumn('addresses', key, 'address', address, storedAddressSchema), updatedAt: updated_at };
  }

  async saveDelivery(delivery: CaseDelivery): Promise<void> {
    this.saveDeliveryRow(delivery);
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

  async getDelivery(key: string): Promise<CaseDelivery | undefined> {
    const row: unknown = this.statements.deliveryByKey.get(key);
    return row === undefined ? undefined : toDelivery(row);
  }

  async listDeliveriesForCase(caseId: string): Promise<CaseDelivery[]> {
    return this.statements.deliveriesByCase.all(caseId).map(toDelivery);
  }

  async listUndelivered(limit: number): Promise<CaseDelivery[]> {
    return this.statements.undelivered.all(rowLimit(limit)).map(toDelivery);
  }

  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    return this.group.run(() => this.reminders.replace(caseId, planned, at));
  }

  async listCasesAwaitingReminders(limit: number): Promise<string[]> {
    return this.reminders.listAwaiting(limit);
  }

  async listRemindersForCase(caseId: string): Promise<Reminder[]> {
    return this.reminders.listForCase(caseId);
  }

  async snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return this.reminders.snooze({ caseId, reminderId, until, at });
  }

  async claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return this.reminders.claimDue(request);
  }

  async completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.group.run(() => this.reminders.complete(claim, outcome, at));
  }

  async releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.group.run(() => this.reminders.release(claim, retryAt, at));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.insertAudit(entry);
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

  async close(): Promise<void> {
    if (this.db.open) this.group.flush();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /** See WalCheckpointer: this connection stops checkpointing in its commits, a worker thread does it. */
  private checkpointInBackground(filePath: string, everyMs: number, restartAtPages: number, onFailure?: (error: unknown) => void): void {
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = new WalCheckpointer(filePath, { intervalMs: everyMs, restartAtPages }, (error) => {
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${sqliteDefaultAutoCheckpointPages}`);
      onFailure?.(error);
    });
  }

  private readCase(row: unknown): Case | undefined {
    return row === undefined ? undefined : this.toCase(row);
  }

  private toCase(raw: unknown): Case {
    const row = caseRowSchema.parse(raw);
    return parseJsonColumn('cases', row.id, 'body', row.body, storedCaseSchema);
  }
}

/** A negative LIMIT means "no limit" to SQLite; nobody asking for fewer than none means that. */
const rowLimit = (limit: number): number => Math.max(0, Math.floor(limit));

function toDelivery(raw: unknown): CaseDelivery {
  const row = deliveryRowSchema.parse(raw);
  return parseJsonColumn('deliveries', row.key, 'body', row.body, storedDeliverySchema);
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
