import { randomUUID } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { EntryRef, OutboxEntry, OutboxMessage } from '../../../app/outbox/outbox-message';
import { slotOf } from '../../../app/outbox/outbox-message';
import { recordToSettle, type LaneLease, type OutboxStore, type SlotResult, type SettleOptions } from '../../../app/outbox/outbox-store';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import { decideSlot, type SendLimits, type SlotRefusal } from '../../../app/outbox/send-window';
import type { Outgoing } from '../../../app/ports/outbox';
import { parseStoredValue } from '../corrupt-row-error';
import { sendLogSchema, storedOutboxMessageOf, storedOutboxMessageSchema } from '../stored-outbox-schema';
import type { CosmosCall } from './cosmos-call';
import { cosmosStatusOf } from './cosmos-failure';
import { splitSystemProperties } from './cosmos-items';
import { cosmosKeyId } from './encode-cosmos-id';
import { readModifyWrite, type ItemCodec } from './read-modify-write';

const laneSchema = z
  .object({
    id: z.literal('lane'),
    type: z.literal('lane'),
    lane: z.string(),
    tenantId: z.string(),
    readyAt: z.number().nullable(),
    pausedUntil: z.number(),
    leaseToken: z.string().nullable(),
    leaseUntil: z.number().nullable(),
    log: sendLogSchema,
    /** Bumped by every enqueue, so that a release racing an enqueue loses its If-Match and looks again. */
    enqueues: z.number().int(),
  })
  .strict();
type LaneItem = z.output<typeof laneSchema>;

const entrySchema = z
  .object({
    id: z.string(),
    type: z.literal('entry'),
    lane: z.string(),
    seq: z.string(),
    revision: z.number().int().positive(),
    attempts: z.number().int().nonnegative(),
    enqueuedAt: z.string(),
    message: storedOutboxMessageSchema,
    /** The message a coalescing enqueue replaced: put back if the case write that enqueued it fails. */
    replaced: storedOutboxMessageSchema.optional(),
  })
  .strict();
type EntryItem = z.output<typeof entrySchema>;

const budgetSchema = z.object({ id: z.literal('budget'), type: z.literal('budget'), lane: z.string(), log: sendLogSchema }).strict();
type BudgetItem = z.output<typeof budgetSchema>;

function codec<T extends { id: string }>(schema: z.ZodType<T>, what: string): ItemCodec<T> {
  return {
    decode(raw) {
      const { etag, writtenAtSeconds, body } = splitSystemProperties('outbox', raw);
      // Lanes and entries name people's conversations: errors name the kind of item only.
      return { value: parseStoredValue('outbox', `(${what})`, body, schema), etag, writtenAtSeconds };
    },
    encode: (value) => ({ ...value }),
  };
}
const laneCodec = codec(laneSchema, 'lane');
const entryCodec = codec(entrySchema, 'entry');
const budgetCodec = codec(budgetSchema, 'tenant budget');

const entryId = (slot: string): string => cosmosKeyId('entry', slot);
const budgetLane = (tenantId: string): string => `tenant-budget:${tenantId}`;
const attempts = 5;
/**
 * Lost races an enqueue's touch of its lane may take before the request fails. Each lost race means another
 * writer got through, so what bounds it is the number of writers into one lane at once: every teacher whose
 * report goes to the same team in a burst, plus the drainers; five failed the sixth of ten reports at once.
 */
const enqueueAttempts = 100;

/**
 * The outbox on Cosmos DB (container `outbox`, partitioned by lane). A lane item holds the lease, the pause and
 * the conversation's send log; entry items in the same partition are the queued messages, ordered by `seq`; one
 * item per tenant holds the tenant's send log. Every change is a conditional single-item write (create-if-absent
 * or If-Match), so two instances never both hold a lane or both take the last send slot.
 * Cosmos has no transaction across the case and the outbox: see `updateCaseWithCosmosOutbox`.
 */
export class CosmosOutbox implements OutboxStore {
  private counter = 0;

  constructor(
    private readonly cosmos: CosmosCall,
    private readonly container: Container,
    /** The case store's delivery records, which a settle writes first (no transaction spans both containers). */
    private readonly saveDelivery: (delivery: CaseDelivery) => Promise<void>,
  ) {}

  async enqueue(messages: readonly OutboxMessage[], at: string): Promise<void> {
    await this.enqueueReturningRefs(messages, at);
  }

  /** Enqueues and returns the entries written (created or replaced), so that a failed case write can take them back. */
  async enqueueReturningRefs(messages: readonly OutboxMessage[], at: string): Promise<EntryRef[]> {
    const atMs = Date.parse(at);
    const written: EntryRef[] = [];
    for (const message of messages) {
      const stored = storedOutboxMessageOf(message);
      const slot = slotOf(stored);
      const seq = `${String(atMs).padStart(15, '0')}:${String((this.counter += 1)).padStart(9, '0')}:${randomUUID()}`;
      const result = await readModifyWrite(this.cosmos, this.target(stored.lane, entryId(slot)), entryCodec, (current) => {
        if (current === undefined) {
          return { write: { id: entryId(slot), type: 'entry' as const, lane: stored.lane, seq, revision: 1, attempts: 0, enqueuedAt: at, message: stored } };
        }
        if (stored.coalesceKey === undefined) return { stop: 'kept' as const };
        return { write: { ...current.value, revision: current.value.revision + 1, message: stored, replaced: current.value.message } };
      }, attempts);
      if (result.ok) written.push({ lane: stored.lane, slot, revision: result.written.value.revision });
      await this.modifyLane(stored.lane, (lane) => ({
        ...(lane ?? { id: 'lane', type: 'lane', lane: stored.lane, tenantId: stored.tenantId, readyAt: null, pausedUntil: 0, leaseToken: null, leaseUntil: null, log: [], enqueues: 0 }),
        readyAt: lane?.readyAt ?? lane?.pausedUntil ?? 0,
        enqueues: (lane?.enqueues ?? 0) + 1,
      }));
    }
    return written;
  }

  /**
   * Takes back the entries a failed case write had enqueued, unless a later enqueue replaced them: an entry that
   * replaced an earlier change's pending message (coalescing) gets that message back, any other is removed.
   */
  async discard(refs: readonly EntryRef[]): Promise<void> {
    for (const ref of refs) {
      const restored = await readModifyWrite(this.cosmos, this.target(ref.lane, entryId(ref.slot)), entryCodec, (current) => {
        if (current === undefined || current.value.revision !== ref.revision) return { stop: 'replaced' as const };
        const { replaced, ...entry } = current.value;
        return replaced === undefined ? { stop: 'nothing_replaced' as const } : { write: { ...entry, revision: entry.revision + 1, message: replaced } };
      }, attempts);
      if (!restored.ok && 'stopped' in restored && restored.stopped === 'nothing_replaced') await this.deleteEntry(ref);
    }
  }

  async claimLanes({ now, owner: _owner, leaseMs, limit }: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]> {
    const top = Math.floor(limit);
    if (!(top > 0)) return [];
    const query = {
      query: `SELECT * FROM c WHERE c.type = 'lane' AND IS_NUMBER(c.readyAt) AND c.readyAt <= @now
        AND (NOT IS_NUMBER(c.leaseUntil) OR c.leaseUntil <= @now) ORDER BY c.readyAt`,
      parameters: [{ name: '@now', value: now }],
    };
    const { resources } = await this.cosmos('executeQuery', this.container, () => this.container.items.query(query).fetchAll());
    const leases: LaneLease[] = [];
    for (const raw of resources) {
      if (leases.length >= top) break;
      const found = laneCodec.decode(raw);
      const token = randomUUID();
      const until = now + leaseMs;
      try {
        await this.cosmos('items/replace', this.container, () =>
          this.container.item('lane', found.value.lane).replace({ ...found.value, leaseToken: token, leaseUntil: until }, { accessCondition: { type: 'IfMatch', condition: found.etag } }),
        );
        leases.push({ lane: found.value.lane, tenantId: found.value.tenantId, token, until });
      } catch (error) {
        // Another instance claimed it (or an enqueue touched it) first: leave it to them this round.
        if (cosmosStatusOf(error) !== 412) throw error;
      }
    }
    return leases;
  }

  async headOfLane(lease: LaneLease): Promise<OutboxEntry | undefined> {
    if (!(await this.isHeld(lease))) return undefined;
    return (await this.entriesOf(lease.lane))[0];
  }

  async takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult> {
    for (let round = 0; round < attempts; round += 1) {
      const lane = await this.readLane(lease.lane);
      if (lane === undefined || lane.leaseToken !== lease.token) return { ok: false, lost: true };
      const target = this.target(budgetLane(lease.tenantId), 'budget');
      let laneLog: number[] = [];
      const budget = await readModifyWrite(this.cosmos, target, budgetCodec, (current): { write: BudgetItem } | { stop: SlotRefusal } => {
        const decision = decideSlot(lane.log, current?.value.log ?? [], limits, now);
        if (!decision.ok) return { stop: decision };
        laneLog = decision.laneLog;
        return { write: { id: 'budget', type: 'budget', lane: budgetLane(lease.tenantId), log: decision.tenantLog } };
      }, attempts);
      if (!budget.ok) {
        if ('stopped' in budget) return budget.stopped;
        continue;
      }
      // Only the holder writes the lane's log; an enqueue meanwhile costs a re-read, not the slot.
      const held = await this.modifyHeldLane(lease, (l) => ({ ...l, log: laneLog }));
      return held ? { ok: true } : { ok: false, lost: true };
    }
    throw new Error(`Outbox: the tenant send budget kept changing under this instance (${attempts} lost races in a row)`);
  }

  /** The record first, then the entry; the drainer's `releaseLane` releases the lane (no transaction here to join). */
  async settle(lease: LaneLease, ref: EntryRef, options: SettleOptions = {}): Promise<boolean> {
    const held = await this.isHeld(lease);
    const record = recordToSettle(options, held);
    if (record !== undefined) await this.saveDelivery(record);
    if (!held) return false;
    await this.deleteEntry(ref);
    return true;
  }

  async retryLater(lease: LaneLease, ref: EntryRef, count: number, until: number): Promise<boolean> {
    if (!(await this.isHeld(lease))) return false;
    await readModifyWrite(this.cosmos, this.target(ref.lane, entryId(ref.slot)), entryCodec, (current) =>
      current === undefined || current.value.revision !== ref.revision ? { stop: 'replaced' } : { write: { ...current.value, attempts: count } },
    attempts);
    return this.pauseLane(lease, until);
  }

  pauseLane(lease: LaneLease, until: number): Promise<boolean> {
    return this.modifyHeldLane(lease, (l) => ({ ...l, pausedUntil: Math.max(l.pausedUntil, until) }));
  }

  async releaseLane(lease: LaneLease, now: number): Promise<void> {
    await readModifyWrite(this.cosmos, this.target(lease.lane, 'lane'), laneCodec, async (current) => {
      if (current === undefined || current.value.leaseToken !== lease.token) return { stop: 'not_held' };
      const pending = (await this.entriesOf(lease.lane)).length > 0;
      const lane = current.value;
      return { write: { ...lane, leaseToken: null, leaseUntil: null, readyAt: pending ? Math.max(now, lane.pausedUntil) : null } };
    }, attempts);
  }

  async nextDueAt(): Promise<number | undefined> {
    const query = `SELECT * FROM c WHERE c.type = 'lane' AND IS_NUMBER(c.readyAt)`;
    const { resources } = await this.cosmos('executeQuery', this.container, () => this.container.items.query(query).fetchAll());
    const due = resources.map((raw) => {
      const lane = laneCodec.decode(raw).value;
      const readyAt = lane.readyAt ?? 0;
      return lane.leaseUntil === null ? readyAt : Math.max(readyAt, lane.leaseUntil);
    });
    return due.length === 0 ? undefined : Math.min(...due);
  }

  listPending(lane: string): Promise<OutboxEntry[]> {
    return this.entriesOf(lane);
  }

  private async entriesOf(lane: string): Promise<OutboxEntry[]> {
    // The lane filter repeats the partition key: the emulator does not scope a query to its partitionKey option.
    const query = { query: `SELECT * FROM c WHERE c.type = 'entry' AND c.lane = @lane ORDER BY c.seq`, parameters: [{ name: '@lane', value: lane }] };
    const { resources } = await this.cosmos('executeQuery', this.container, () => this.container.items.query(query, { partitionKey: lane }).fetchAll());
    return resources.map((raw) => toEntry(entryCodec.decode(raw).value));
  }

  private async deleteEntry(ref: EntryRef): Promise<void> {
    const item = this.container.item(entryId(ref.slot), ref.lane);
    const read = await this.cosmos('items/read', this.container, () => item.read());
    if (read.resource === undefined) return;
    const current = entryCodec.decode(read.resource);
    if (current.value.revision !== ref.revision) return;
    try {
      await this.cosmos('items/delete', this.container, () => item.delete({ accessCondition: { type: 'IfMatch', condition: current.etag } }));
    } catch (error) {
      // Replaced by a coalescing enqueue meanwhile (412), or gone (404): it stays for the next round, or is done.
      if (![404, 412].includes(cosmosStatusOf(error) ?? 0)) throw error;
    }
  }

  private async isHeld(lease: LaneLease): Promise<boolean> {
    return (await this.readLane(lease.lane))?.leaseToken === lease.token;
  }

  private async readLane(lane: string): Promise<LaneItem | undefined> {
    const read = await this.cosmos('items/read', this.container, () => this.container.item('lane', lane).read());
    return read.resource === undefined ? undefined : laneCodec.decode(read.resource).value;
  }

  private async modifyLane(lane: string, next: (current: LaneItem | undefined) => LaneItem): Promise<void> {
    const result = await readModifyWrite(this.cosmos, this.target(lane, 'lane'), laneCodec, (current) => ({ write: next(current?.value) }), enqueueAttempts);
    if (!result.ok) throw new Error(`Outbox: a lane kept changing while a message was enqueued (${enqueueAttempts} lost races in a row)`);
  }

  /**
   * False only when the lease is lost. Every enqueue into the lane touches its item too, so under a burst the
   * holder's write (a pause for Teams' Retry-After) can lose many races in a row: it keeps trying as an enqueue
   * does, and fails loudly rather than pass a lost race off as a lost lease (the pause would be dropped).
   */
  private async modifyHeldLane(lease: LaneLease, next: (current: LaneItem) => LaneItem): Promise<boolean> {
    const result = await readModifyWrite(this.cosmos, this.target(lease.lane, 'lane'), laneCodec, (current) =>
      current === undefined || current.value.leaseToken !== lease.token ? { stop: 'not_held' } : { write: next(current.value) },
    enqueueAttempts);
    if (!result.ok && 'contended' in result) throw new Error(`Outbox: a lane kept changing while its holder paused it (${enqueueAttempts} lost races in a row)`);
    return result.ok;
  }

  private target(lane: string, id: string) {
    return { container: this.container, id, partitionKey: lane };
  }
}

function toEntry(item: EntryItem): OutboxEntry {
  return { ...item.message, revision: item.revision, attempts: item.attempts, enqueuedAt: item.enqueuedAt };
}

/**
 * The Cosmos form of "the case change and its messages together" (docs/delivery.md, "Cosmos DB"): the messages
 * are written first, gated on the version the write gives the case (`afterCaseVersion`), then the case. If the
 * write is refused (4xx) or stores nothing (a repeated submission) they are taken back; if it fails without
 * saying (no answer, a timeout, a 5xx: it may have been stored) or the process dies in between, the drainer sends
 * them once the case has that version and drops them when it has not within its grace time. A message is never
 * sent for a change that was not stored, nor lost for one that was.
 */
export async function withCosmosOutbox<R>(
  outbox: CosmosOutbox,
  outgoing: Outgoing,
  caseVersion: number,
  write: () => Promise<R>,
  stored: (result: R) => boolean,
): Promise<R> {
  const gated = outgoing.messages.map((m) => ({ ...m, afterCaseVersion: caseVersion }));
  const written = await outbox.enqueueReturningRefs(gated, outgoing.at);
  let result: R;
  try {
    result = await write();
  } catch (error) {
    // Only an answer that says the write was refused takes them back: after a timeout, a 5xx or no answer the
    // write may have been stored, and the gate decides (sent once the case has the version, dropped otherwise).
    if (refused(error)) await outbox.discard(written);
    throw error;
  }
  if (!stored(result)) await outbox.discard(written);
  return result;
}

/** Cosmos DB answered 4xx (not 408): the write was not applied. */
function refused(error: unknown): boolean {
  const status = cosmosStatusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408;
}
