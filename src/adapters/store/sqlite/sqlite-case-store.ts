import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database, type Transaction } from 'better-sqlite3';
import { z } from 'zod';
import type { AuditEntry, CaseStore, CreateCaseResult, DeliveryAddress, StoredAddress } from '../../../app/ports';
import type { Case, NewCase } from '../../../domain/case/case';
import { formatCaseReference } from '../../../domain/case/reference';
import { parseJsonColumn } from '../corrupt-row-error';
import { applyMigrations } from './migrations';
import { storedAuditDetailSchema, storedCaseSchema } from '../stored-case-schema';

type UpdateResult = Awaited<ReturnType<CaseStore['updateCase']>>;

// Rows come back from better-sqlite3 untyped; these describe what our own SELECTs return.
const caseRowSchema = z.object({ id: z.string(), body: z.string() });
const sequenceRowSchema = z.object({ last: z.number().int().positive() });
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

/**
 * CaseStore on one SQLite file (WAL). better-sqlite3 runs each call synchronously inside one transaction,
 * so creating a case, taking its running number and checking its submission key happen atomically.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly db: Database;
  private readonly statements: Statements;
  private readonly createCaseOnce: Transaction<(newCase: NewCase, referenceYear: number) => CreateCaseResult>;
  private readonly updateCaseIfVersion: Transaction<(next: Case, expectedVersion: number) => UpdateResult>;

  private constructor(db: Database) {
    this.db = db;
    const statements = prepareStatements(db);
    this.statements = statements;

    this.createCaseOnce = db.transaction((newCase: NewCase, referenceYear: number): CreateCaseResult => {
      const existing: unknown = statements.caseBySubmissionKey.get(newCase.submissionKey);
      if (existing !== undefined) return { case: this.toCase(existing), created: false };
      const district = newCase.routing.schoolDistrictCode;
      const { last } = sequenceRowSchema.parse(statements.nextSequence.get(district, referenceYear));
      const stored: Case = { ...newCase, reference: formatCaseReference(district, referenceYear, last), version: 1 };
      statements.insertCase.run(columnsOf(stored));
      return { case: stored, created: true };
    });

    this.updateCaseIfVersion = db.transaction((next: Case, expectedVersion: number): UpdateResult => {
      const updated: Case = { ...next, version: expectedVersion + 1 };
      const { changes } = statements.updateCase.run({ ...columnsOf(updated), expectedVersion });
      if (changes === 1) return { ok: true, case: updated };
      return { ok: false, reason: statements.caseExists.get(next.id) === undefined ? 'not_found' : 'conflict' };
    });
  }

  /** Opens (creating folder and file if missing) and migrates the database at `filePath`. */
  static open(filePath: string): SqliteCaseStore {
    mkdirSync(dirname(filePath), { recursive: true });
    const db = new BetterSqlite3(filePath);
    try {
      db.pragma('journal_mode = WAL');
      // Another process (a second instance, a backup) may hold the write lock briefly: wait, do not fail.
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
      applyMigrations(db, filePath);
      return new SqliteCaseStore(db);
    } catch (error) {
      db.close();
      throw new Error(`Could not open the case database at ${filePath}`, { cause: error });
    }
  }

  async createCase(newCase: NewCase, referenceYear: number): Promise<CreateCaseResult> {
    return this.createCaseOnce.immediate(newCase, referenceYear);
  }

  async getCase(id: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseById.get(id));
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    return this.readCase(this.statements.caseByReference.get(reference));
  }

  async listCasesByReporter(tenantId: string, reporterId: string, limit: number): Promise<Case[]> {
    // A negative LIMIT means "no limit" to SQLite; nobody asking for fewer than none means that.
    const rows = this.statements.casesByReporter.all(tenantId, reporterId, Math.max(0, Math.floor(limit)));
    return rows.map((row) => this.toCase(row));
  }

  async updateCase(next: Case, expectedVersion: number): Promise<UpdateResult> {
    return this.updateCaseIfVersion.immediate(next, expectedVersion);
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

  async appendAudit(entry: AuditEntry): Promise<void> {
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

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private readCase(row: unknown): Case | undefined {
    return row === undefined ? undefined : this.toCase(row);
  }

  private toCase(raw: unknown): Case {
    const row = caseRowSchema.parse(raw);
    return parseJsonColumn('cases', row.id, 'body', row.body, storedCaseSchema);
  }
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database) {
  return {
    caseById: db.prepare('SELECT id, body FROM cases WHERE id = ?'),
    caseByReference: db.prepare('SELECT id, body FROM cases WHERE reference = ?'),
    caseBySubmissionKey: db.prepare('SELECT id, body FROM cases WHERE submission_key = ?'),
    caseExists: db.prepare('SELECT 1 AS found FROM cases WHERE id = ?'),
    casesByReporter: db.prepare(
      'SELECT id, body FROM cases WHERE tenant_id = ? AND reporter_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
    ),
    nextSequence: db.prepare(
      `INSERT INTO sequences (district_code, year, last) VALUES (?, ?, 1)
       ON CONFLICT (district_code, year) DO UPDATE SET last = last + 1
       RETURNING last`,
    ),
    insertCase: db.prepare(
      `INSERT INTO cases (id, reference, submission_key, tenant_id, reporter_id, created_at, school_district_code, state, version, body)
       VALUES (@id, @reference, @submissionKey, @tenantId, @reporterId, @createdAt, @schoolDistrictCode, @state, @version, @body)`,
    ),
    updateCase: db.prepare(
      `UPDATE cases SET reference = @reference, submission_key = @submissionKey, tenant_id = @tenantId,
         reporter_id = @reporterId, created_at = @createdAt, school_district_code = @schoolDistrictCode,
         state = @state, version = @version, body = @body
       WHERE id = @id AND version = @expectedVersion`,
    ),
    upsertAddress: db.prepare(
      `INSERT INTO addresses (key, address, updated_at) VALUES (@key, @address, @at)
       ON CONFLICT (key) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at`,
    ),
    addressByKey: db.prepare('SELECT address, updated_at FROM addresses WHERE key = ?'),
    insertAudit: db.prepare('INSERT INTO audit (at, actor_id, action, case_id, detail) VALUES (@at, @actorId, @action, @caseId, @detail)'),
    audit: db.prepare(
      `SELECT id, at, actor_id, action, case_id, detail FROM audit
       WHERE (@caseId IS NULL OR case_id = @caseId) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
       ORDER BY at, id`,
    ),
  };
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
    version: c.version,
    body: JSON.stringify(c),
  };
}
