import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
import { storedReminderSchema } from '../stored-reminder-schema';
import type { StatisticsColumns } from './sqlite-statistics';
import type { ThreadRequest, WriterThreadData } from './sqlite-writer-protocol';
import type { CreateOutcome, SqliteWriter, UpdateOutcome } from './sqlite-writes';

// The answers as the thread sends them (structured clone of what SqliteWrites returned), checked on arrival.
const createOutcomeSchema: z.ZodType<CreateOutcome> = z.union([
  z.object({ created: z.literal(true), reference: z.string() }),
  z.object({ created: z.literal(false), existingId: z.string() }),
]);
const updateOutcomeSchema: z.ZodType<UpdateOutcome> = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.enum(['conflict', 'not_found']) }),
]);
const claimedReminderSchema: z.ZodType<ClaimedReminder> = z.object({
  reminder: storedReminderSchema,
  claim: z.object({ reminderId: z.string(), token: z.string(), until: z.string() }),
});
const leaseSchema: z.ZodType<LaneLease> = z.object({ lane: z.string(), tenantId: z.string(), token: z.string(), until: z.number() });
const slotSchema: z.ZodType<SlotResult> = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), retryAt: z.number() }),
  z.object({ ok: z.literal(false), lost: z.literal(true) }),
]);
const replySchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.object({ name: z.string(), message: z.string() }) }),
]);
const nothing = z.undefined();

/** The error of a write the thread refused, as the store's callers see it (name and message of the original). */
export class SqliteWriteError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * The thread's code: next to this module, JavaScript when bundled (dist/), TypeScript in the source tree (tests,
 * `npm run dev`), where the thread loads it through tsx's CommonJS hook (Node 20 does not hand an ESM loader on to a worker).
 */
function startWorker(data: WriterThreadData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sqlite-writer-worker.js', import.meta.url), { workerData: data });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  const entry = fileURLToPath(new URL('./sqlite-writer-worker.ts', import.meta.url));
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
}

/**
 * SqliteWriter on a worker thread with its own connection (sqlite-writer-worker.ts): the store's writes, their
 * commits and SQLite's write lock leave the request thread. Requests are answered in the order the thread
 * finishes them (case writes of one turn commit together). If the thread dies, every waiting and later write
 * fails with a SqliteWriteError and `onFailure` is told once; only a restart brings the thread back.
 */
export class SqliteWriterThread implements SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private lastId = 0;
  private failure?: Error;
  private closing?: Promise<void>;

  constructor(data: WriterThreadData, onFailure?: (error: unknown) => void) {
    this.worker = startWorker(data);
    this.worker.on('message', (message: unknown) => this.receive(message));
    this.worker.on('error', (error) => this.fail(error, onFailure));
    this.worker.on('exit', (code) => {
      if (this.closing === undefined) this.fail(new Error(`the SQLite writer thread exited with code ${code}`), onFailure);
    });
  }

  async createCase(newCase: NewCase, referenceYear: number, statistics: StatisticsColumns, w?: NewCaseWith): Promise<CreateOutcome> {
    return createOutcomeSchema.parse(await this.send({ id: this.nextId(), op: 'createCase', args: [newCase, referenceYear, statistics, w] }));
  }

  async updateCase(next: Case, expectedVersion: number, statistics: StatisticsColumns, outgoing?: Outgoing): Promise<UpdateOutcome> {
    return updateOutcomeSchema.parse(await this.send({ id: this.nextId(), op: 'updateCase', args: [next, expectedVersion, statistics, outgoing] }));
  }

  async eraseCase(erased: Case, expectedVersion: number, statistics: StatisticsColumns): Promise<UpdateOutcome> {
    return updateOutcomeSchema.parse(await this.send({ id: this.nextId(), op: 'eraseCase', args: [erased, expectedVersion, statistics] }));
  }

  async saveAddress(key: string, address: DeliveryAddress, at: string): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'saveAddress', args: [key, address, at] }));
  }

  async saveDelivery(delivery: CaseDelivery): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'saveDelivery', args: [delivery] }));
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'appendAudit', args: [entry] }));
  }

  async replaceCaseReminders(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'replaceCaseReminders', args: [caseId, planned, at] }));
  }

  async snoozeReminder(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    return storedReminderSchema.optional().parse(await this.send({ id: this.nextId(), op: 'snoozeReminder', args: [caseId, reminderId, until, at] }));
  }

  async claimDueReminders(request: { now: string; instanceId: string; leaseMs: number; limit: number }): Promise<ClaimedReminder[]> {
    return z.array(claimedReminderSchema).parse(await this.send({ id: this.nextId(), op: 'claimDueReminders', args: [request] }));
  }

  async completeReminder(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return z.boolean().parse(await this.send({ id: this.nextId(), op: 'completeReminder', args: [claim, outcome, at] }));
  }

  async releaseReminder(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return z.boolean().parse(await this.send({ id: this.nextId(), op: 'releaseReminder', args: [claim, retryAt, at] }));
  }

  async enqueue(messages: Outgoing['messages'], at: string): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'enqueue', args: [messages, at] }));
  }

  async claimLanes(request: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]> {
    return z.array(leaseSchema).parse(await this.send({ id: this.nextId(), op: 'claimLanes', args: [request] }));
  }

  async takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult> {
    return slotSchema.parse(await this.send({ id: this.nextId(), op: 'takeSendSlot', args: [lease, limits, now] }));
  }

  async settle(lease: LaneLease, ref: EntryRef, options?: SettleOptions): Promise<boolean> {
    return z.boolean().parse(await this.send({ id: this.nextId(), op: 'settle', args: [lease, ref, options] }));
  }

  async retryLater(lease: LaneLease, ref: EntryRef, attempts: number, until: number): Promise<boolean> {
    return z.boolean().parse(await this.send({ id: this.nextId(), op: 'retryLater', args: [lease, ref, attempts, until] }));
  }

  async pauseLane(lease: LaneLease, until: number): Promise<boolean> {
    return z.boolean().parse(await this.send({ id: this.nextId(), op: 'pauseLane', args: [lease, until] }));
  }

  async releaseLane(lease: LaneLease, now: number): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'releaseLane', args: [lease, now] }));
  }

  async checkpointInCommits(pages: number): Promise<void> {
    nothing.parse(await this.send({ id: this.nextId(), op: 'checkpointInCommits', args: [pages] }));
  }

  /** Commits what waits in the thread, closes its connection and ends it. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.failure === undefined) await this.send({ id: this.nextId(), op: 'close' });
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  private send(request: ThreadRequest): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closing !== undefined && request.op !== 'close') return Promise.reject(new SqliteWriteError('Error', 'the SQLite store is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private receive(message: unknown): void {
    const reply = replySchema.parse(message);
    const waiter = this.waiting.get(reply.id);
    if (waiter === undefined) return;
    this.waiting.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new SqliteWriteError(reply.error.name, reply.error.message));
  }

  private fail(error: unknown, onFailure?: (error: unknown) => void): void {
    if (this.failure !== undefined) return;
    this.failure = new SqliteWriteError('SqliteWriterFailed', `the SQLite writer thread stopped: ${error instanceof Error ? error.message : String(error)}`);
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
    onFailure?.(error);
  }
}
