import { randomUUID } from 'node:crypto';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { z } from 'zod';
import type { EntryRef, OutboxEntry, OutboxMessage } from '../../../app/outbox/outbox-message';
import { slotOf } from '../../../app/outbox/outbox-message';
import { recordToSettle, type LaneLease, type OutboxStore, type SettleOptions, type SlotResult } from '../../../app/outbox/outbox-store';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import { decideSlot, type SendLimits } from '../../../app/outbox/send-window';
import { parseJsonColumn } from '../corrupt-row-error';
import { sendLogSchema, storedOutboxMessageOf, storedOutboxMessageSchema } from '../stored-outbox-schema';

export const outboxSql = {
  // A lane with something to send is ready at once unless paused: readiness is the drainer's time (pacing), not
  // the enqueuing request's clock.
  upsertLane: `INSERT INTO outbox_lanes (lane, tenant_id, ready_at) VALUES (@lane, @tenantId, 0)
    ON CONFLICT (lane) DO UPDATE SET ready_at = COALESCE(ready_at, paused_until)`,
  entryInSlot: 'SELECT revision FROM outbox_entries WHERE lane = ? AND slot = ?',
  insertEntry: `INSERT INTO outbox_entries (lane, slot, revision, attempts, enqueued_at, case_id, body)
    VALUES (@lane, @slot, 1, 0, @at, @caseId, @body)`,
  replaceEntry: 'UPDATE outbox_entries SET revision = revision + 1, body = @body WHERE lane = @lane AND slot = @slot',
  // Repeats the WHERE of the partial index outbox_lanes_ready (migration 9).
  claimable: `SELECT lane, tenant_id FROM outbox_lanes WHERE ready_at IS NOT NULL AND ready_at <= @now
      AND (lease_until IS NULL OR lease_until <= @now)
    ORDER BY ready_at, lane LIMIT @limit`,
  lease: 'UPDATE outbox_lanes SET lease_token = @token, lease_owner = @owner, lease_until = @until WHERE lane = @lane',
  heldLane: 'SELECT tenant_id, paused_until, send_log FROM outbox_lanes WHERE lane = ? AND lease_token = ?',
  head: `SELECT slot, revision, attempts, enqueued_at, body FROM outbox_entries WHERE lane = ? ORDER BY seq LIMIT 1`,
  pending: `SELECT slot, revision, attempts, enqueued_at, body FROM outbox_entries WHERE lane = ? ORDER BY seq`,
  hasPending: 'SELECT 1 AS found FROM outbox_entries WHERE lane = ? LIMIT 1',
  tenantLog: 'SELECT send_log FROM outbox_tenant_budgets WHERE tenant_id = ?',
  saveTenantLog: `INSERT INTO outbox_tenant_budgets (tenant_id, send_log) VALUES (?, ?)
    ON CONFLICT (tenant_id) DO UPDATE SET send_log = excluded.send_log`,
  saveLaneLog: 'UPDATE outbox_lanes SET send_log = ? WHERE lane = ?',
  deleteEntry: 'DELETE FROM outbox_entries WHERE lane = ? AND slot = ? AND revision = ?',
  countAttempt: 'UPDATE outbox_entries SET attempts = ? WHERE lane = ? AND slot = ? AND revision = ?',
  pause: 'UPDATE outbox_lanes SET paused_until = max(paused_until, ?) WHERE lane = ?',
  release: `UPDATE outbox_lanes SET lease_token = NULL, lease_owner = NULL, lease_until = NULL,
      ready_at = CASE WHEN @pending THEN max(@now, paused_until) END
    WHERE lane = @lane`,
  nextDue: `SELECT min(CASE WHEN lease_until IS NULL THEN ready_at ELSE max(ready_at, lease_until) END) AS due
    FROM outbox_lanes WHERE ready_at IS NOT NULL`,
  deleteForCase: 'DELETE FROM outbox_entries WHERE case_id = ?',
} as const;

const laneRowSchema = z.object({ tenant_id: z.string(), paused_until: z.number(), send_log: z.string() });
const claimRowSchema = z.object({ lane: z.string(), tenant_id: z.string() });
const entryRowSchema = z.object({ slot: z.string(), revision: z.number().int(), attempts: z.number().int(), enqueued_at: z.string(), body: z.string() });
const dueRowSchema = z.object({ due: z.number().nullable() });
const logRowSchema = z.object({ send_log: z.string() });

function prepareOutboxStatements(db: Database) {
  const p = (name: keyof typeof outboxSql): Statement => db.prepare(outboxSql[name]);
  return {
    upsertLane: p('upsertLane'),
    entryInSlot: p('entryInSlot'),
    insertEntry: p('insertEntry'),
    replaceEntry: p('replaceEntry'),
    claimable: p('claimable'),
    lease: p('lease'),
    heldLane: p('heldLane'),
    head: p('head'),
    pending: p('pending'),
    hasPending: p('hasPending'),
    tenantLog: p('tenantLog'),
    saveTenantLog: p('saveTenantLog'),
    saveLaneLog: p('saveLaneLog'),
    deleteEntry: p('deleteEntry'),
    countAttempt: p('countAttempt'),
    pause: p('pause'),
    release: p('release'),
    nextDue: p('nextDue'),
    deleteForCase: p('deleteForCase'),
  };
}

/**
 * The outbox in the case store's SQLite file (migration 9). Each write runs under SQLite's write lock: taking a
 * send slot in an immediate transaction of its own, every other write in its own savepoint of the case store's
 * next group commit (one immediate transaction for the writes of one turn of the event loop, GroupCommit). So a
 * lane is leased by one process at a time and the send logs are read and written under the lock: two processes
 * on one file share the limits exactly. `enqueueInTransaction` joins the caller's transaction.
 * `writeDelivery` writes a delivery record in the transaction open (the case store's row writer), so that a
 * settle and its record commit together.
 */
export class SqliteOutbox implements OutboxStore {
  private readonly s: ReturnType<typeof prepareOutboxStatements>;
  private readonly takeSlot: Transaction<(lease: LaneLease, limits: SendLimits, now: number) => SlotResult>;

  constructor(
    private readonly db: Database,
    private readonly writeDelivery: (delivery: CaseDelivery) => void,
    /** Runs a write in the case store's next group commit (GroupCommit). */
    private readonly inGroup: <R>(work: () => R) => Promise<R>,
  ) {
    this.s = prepareOutboxStatements(db);
    this.takeSlot = db.transaction((lease: LaneLease, limits: SendLimits, now: number) => this.decideSlotOf(lease, limits, now));
  }

  /** Writes the messages inside the transaction the caller has open (the case write's): both commit or neither. */
  enqueueInTransaction(messages: readonly OutboxMessage[], at: string): void {
    if (!this.db.inTransaction) throw new Error('SqliteOutbox.enqueueInTransaction: no transaction is open; use enqueue');
    for (const message of messages) {
      const stored = storedOutboxMessageOf(message);
      const slot = slotOf(stored);
      const body = JSON.stringify(stored);
      this.s.upsertLane.run({ lane: stored.lane, tenantId: stored.tenantId });
      const existing: unknown = this.s.entryInSlot.get(stored.lane, slot);
      if (existing === undefined) this.s.insertEntry.run({ lane: stored.lane, slot, at, caseId: stored.payload.caseId, body });
      else if (stored.coalesceKey !== undefined) this.s.replaceEntry.run({ lane: stored.lane, slot, body });
    }
  }

  async enqueue(messages: readonly OutboxMessage[], at: string): Promise<void> {
    return this.inGroup(() => this.enqueueInTransaction(messages, at));
  }

  async claimLanes({ now, owner, leaseMs, limit }: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]> {
    return this.inGroup(() =>
      this.s.claimable.all({ now, limit: Math.max(0, Math.floor(limit)) }).map((raw) => {
        const row = claimRowSchema.parse(raw);
        const lease: LaneLease = { lane: row.lane, tenantId: row.tenant_id, token: randomUUID(), until: now + leaseMs };
        this.s.lease.run({ lane: row.lane, token: lease.token, owner, until: lease.until });
        return lease;
      }),
    );
  }

  async headOfLane(lease: LaneLease): Promise<OutboxEntry | undefined> {
    if (this.heldLane(lease) === undefined) return undefined;
    const row: unknown = this.s.head.get(lease.lane);
    return row === undefined ? undefined : toEntry(row);
  }

  /**
   * In a transaction of its own, not the group's: the slot is decided at the drainer's `now`, just before the
   * send, and not a turn of the event loop later.
   */
  async takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult> {
    return this.takeSlot.immediate(lease, limits, now);
  }

  private decideSlotOf(lease: LaneLease, limits: SendLimits, now: number): SlotResult {
    const lane = this.heldLane(lease);
    if (lane === undefined) return { ok: false, lost: true };
    const tenantRow: unknown = this.s.tenantLog.get(lane.tenant_id);
    const tenantLog = tenantRow === undefined ? [] : logOf('outbox_tenant_budgets', lane.tenant_id, logRowSchema.parse(tenantRow).send_log);
    const decision = decideSlot(logOf('outbox_lanes', lease.lane, lane.send_log), tenantLog, limits, now);
    if (!decision.ok) return decision;
    this.s.saveLaneLog.run(JSON.stringify(decision.laneLog), lease.lane);
    this.s.saveTenantLog.run(lane.tenant_id, JSON.stringify(decision.tenantLog));
    return { ok: true };
  }

  async settle(lease: LaneLease, ref: EntryRef, options: SettleOptions = {}): Promise<boolean> {
    const { releaseIfEmptyAt } = options;
    return this.inGroup((): boolean => {
      const held = this.heldLane(lease) !== undefined;
      const record = recordToSettle(options, held);
      if (record !== undefined) this.writeDelivery(record);
      if (!held) return false;
      this.s.deleteEntry.run(ref.lane, ref.slot, ref.revision);
      if (releaseIfEmptyAt !== undefined && this.s.hasPending.get(lease.lane) === undefined) {
        this.s.release.run({ lane: lease.lane, now: releaseIfEmptyAt, pending: 0 });
      }
      return true;
    });
  }

  async retryLater(lease: LaneLease, ref: EntryRef, attempts: number, until: number): Promise<boolean> {
    return this.whileHeld(lease, () => {
      this.s.countAttempt.run(attempts, ref.lane, ref.slot, ref.revision);
      this.s.pause.run(until, lease.lane);
    });
  }

  async pauseLane(lease: LaneLease, until: number): Promise<boolean> {
    return this.whileHeld(lease, () => this.s.pause.run(until, lease.lane));
  }

  async releaseLane(lease: LaneLease, now: number): Promise<void> {
    await this.whileHeld(lease, () => {
      const pending = this.s.hasPending.get(lease.lane) === undefined ? 0 : 1;
      this.s.release.run({ lane: lease.lane, now, pending });
    });
  }

  async nextDueAt(): Promise<number | undefined> {
    return dueRowSchema.parse(this.s.nextDue.get()).due ?? undefined;
  }

  async listPending(lane: string): Promise<OutboxEntry[]> {
    return this.s.pending.all(lane).map(toEntry);
  }

  /** Drops a case's queued messages (retention erasure); call inside the erasing transaction. */
  deleteForCaseInTransaction(caseId: string): void {
    this.s.deleteForCase.run(caseId);
  }

  private whileHeld(lease: LaneLease, write: () => void): Promise<boolean> {
    return this.inGroup((): boolean => {
      if (this.heldLane(lease) === undefined) return false;
      write();
      return true;
    });
  }

  private heldLane(lease: LaneLease) {
    const row: unknown = this.s.heldLane.get(lease.lane, lease.token);
    return row === undefined ? undefined : laneRowSchema.parse(row);
  }
}

function logOf(table: string, id: string, json: string): number[] {
  return parseJsonColumn(table, id, 'send_log', json, sendLogSchema);
}

function toEntry(raw: unknown): OutboxEntry {
  const row = entryRowSchema.parse(raw);
  const message = parseJsonColumn('outbox_entries', row.slot, 'body', row.body, storedOutboxMessageSchema);
  return { ...message, revision: row.revision, attempts: row.attempts, enqueuedAt: row.enqueued_at };
}
