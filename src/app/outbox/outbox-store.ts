import type { CaseDelivery } from '../ports/deliveries';
import type { EntryRef, OutboxEntry, OutboxMessage } from './outbox-message';
import type { SendLimits, SlotRefusal } from './send-window';

/**
 * One drainer's hold on a conversation lane until `until` (epoch ms). Only the holder sends into the lane;
 * a holder that crashed loses it when the lease runs out. `token` is opaque and new for every claim.
 */
export interface LaneLease {
  lane: string;
  tenantId: string;
  token: string;
  until: number;
}

export type SlotResult = { ok: true } | SlotRefusal | { ok: false; lost: true };

/** What a settle writes besides removing the entry. */
export interface SettleOptions {
  /**
   * The delivery's record (delivered, failed, unreachable), in the same transaction as the removal where the
   * store has one (SQLite), else first. A delivered record is written even when the lease is lost (the message
   * went out); a failure is not then, since the lane's new holder decides (and may have delivered it).
   */
  record?: CaseDelivery;
  /**
   * When nothing is left pending in the lane, releases it in the same write (at this epoch ms), as
   * `releaseLane` would next; a store without transactions may leave that to `releaseLane`.
   */
  releaseIfEmptyAt?: number;
}

/** The record a settle writes (`SettleOptions.record`): any while the lease holds, after it a delivered one only. */
export function recordToSettle(options: SettleOptions, held: boolean): CaseDelivery | undefined {
  const { record } = options;
  return record !== undefined && (held || record.status === 'delivered') ? record : undefined;
}

/**
 * The durable outbox (docs/delivery.md, "Outbox"). A pending message is a row. Implementations: SQLite,
 * Cosmos DB, in-memory (tests); all pass test/contract/outbox.contract.ts. Times are epoch milliseconds.
 */
export interface OutboxStore {
  /**
   * Queues messages in order. A message whose slot (coalescing key, else delivery key) is already pending in
   * its lane replaces that one's payload if it coalesces, and is dropped otherwise.
   */
  enqueue(messages: readonly OutboxMessage[], at: string): Promise<void>;
  /**
   * Leases up to `limit` lanes that have pending messages, are not paused at `now` and that nobody holds (or
   * whose holder's lease ran out), the longest waiting first. Of concurrent claimers one gets each lane.
   */
  claimLanes(request: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]>;
  /** The lane's oldest pending message; undefined when it has none or the lease is no longer held. */
  headOfLane(lease: LaneLease): Promise<OutboxEntry | undefined>;
  /**
   * Takes one send from the lane's and the tenant's shared send logs if it fits `limits` at `now`; otherwise
   * says when it will (and, when the tenant's budget is full, when that frees its next sends: `decideSlot`).
   * `lost` when the lease is no longer held.
   */
  takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult>;
  /**
   * Removes the entry, unless a coalescing enqueue replaced it meanwhile, and writes what `options` asks for.
   * False when the lease is lost (then only a delivered record is written: see `SettleOptions.record`).
   */
  settle(lease: LaneLease, entry: EntryRef, options?: SettleOptions): Promise<boolean>;
  /** Records a failed attempt on the entry and pauses the lane until `until`. False when the lease is lost. */
  retryLater(lease: LaneLease, entry: EntryRef, attempts: number, until: number): Promise<boolean>;
  /** Pauses the lane until `until` without counting an attempt (429 with Retry-After, send limits). */
  pauseLane(lease: LaneLease, until: number): Promise<boolean>;
  /** Gives the lane up; it is claimable again at once if it still has pending messages and is not paused. */
  releaseLane(lease: LaneLease, now: number): Promise<void>;
  /** The earliest time a lane with pending messages can be claimed (pause or someone's lease ending). */
  nextDueAt(): Promise<number | undefined>;
  /** Pending messages of one lane in order (metrics and tests). */
  listPending(lane: string): Promise<OutboxEntry[]>;
}
