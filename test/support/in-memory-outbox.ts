import { randomUUID } from 'node:crypto';
import type { EntryRef, OutboxEntry, OutboxMessage } from '../../src/app/outbox/outbox-message';
import { slotOf } from '../../src/app/outbox/outbox-message';
import { recordToSettle, type LaneLease, type OutboxStore, type SettleOptions, type SlotResult } from '../../src/app/outbox/outbox-store';
import type { DeliveryRecords } from '../../src/app/ports/deliveries';
import { decideSlot, type SendLimits } from '../../src/app/outbox/send-window';

interface Lane {
  tenantId: string;
  /** When the lane may be claimed; null while it has nothing pending. */
  readyAt: number | null;
  pausedUntil: number;
  lease: { token: string; until: number } | null;
  log: number[];
  entries: OutboxEntry[];
}

/**
 * OutboxStore in memory, for use-case tests and as the reference of the contract suite. One instance shared by
 * two drainers is "one store". Each method body runs without awaiting, so it is as atomic as a transaction.
 */
export class InMemoryOutbox implements OutboxStore {
  private readonly lanes = new Map<string, Lane>();
  private readonly tenantLogs = new Map<string, number[]>();

  /** `records` receives the delivery records settles carry (the case store's, as in the real stores). */
  constructor(private readonly records?: Pick<DeliveryRecords, 'saveDelivery'>) {}

  async enqueue(messages: readonly OutboxMessage[], at: string): Promise<void> {
    for (const message of messages) {
      const lane = this.lanes.get(message.lane) ?? { tenantId: message.tenantId, readyAt: null, pausedUntil: 0, lease: null, log: [], entries: [] };
      this.lanes.set(message.lane, lane);
      const slot = slotOf(message);
      const index = lane.entries.findIndex((e) => slotOf(e) === slot);
      const existing = lane.entries[index];
      if (existing === undefined) lane.entries.push({ ...structuredClone(message), revision: 1, attempts: 0, enqueuedAt: at });
      else if (message.coalesceKey !== undefined) lane.entries[index] = { ...structuredClone(message), revision: existing.revision + 1, attempts: existing.attempts, enqueuedAt: existing.enqueuedAt };
      lane.readyAt ??= lane.pausedUntil;
    }
  }

  async claimLanes({ now, leaseMs, limit }: { now: number; owner: string; leaseMs: number; limit: number }): Promise<LaneLease[]> {
    const claimable = [...this.lanes.entries()]
      .filter(([, l]) => l.readyAt !== null && l.readyAt <= now && (l.lease === null || l.lease.until <= now))
      .sort(([, a], [, b]) => (a.readyAt ?? 0) - (b.readyAt ?? 0))
      .slice(0, Math.max(0, Math.floor(limit)));
    return claimable.map(([name, lane]) => {
      lane.lease = { token: randomUUID(), until: now + leaseMs };
      return { lane: name, tenantId: lane.tenantId, token: lane.lease.token, until: lane.lease.until };
    });
  }

  async headOfLane(lease: LaneLease): Promise<OutboxEntry | undefined> {
    const head = this.held(lease)?.entries[0];
    return head && structuredClone(head);
  }

  async takeSendSlot(lease: LaneLease, limits: SendLimits, now: number): Promise<SlotResult> {
    const lane = this.held(lease);
    if (lane === undefined) return { ok: false, lost: true };
    const decision = decideSlot(lane.log, this.tenantLogs.get(lane.tenantId) ?? [], limits, now);
    if (!decision.ok) return decision;
    lane.log = decision.laneLog;
    this.tenantLogs.set(lane.tenantId, decision.tenantLog);
    return { ok: true };
  }

  async settle(lease: LaneLease, ref: EntryRef, options: SettleOptions = {}): Promise<boolean> {
    const lane = this.held(lease);
    const record = recordToSettle(options, lane !== undefined);
    if (record !== undefined) {
      if (this.records === undefined) throw new Error('InMemoryOutbox: a settle carried a delivery record, but no records were given');
      await this.records.saveDelivery(record);
    }
    if (lane === undefined) return false;
    lane.entries = lane.entries.filter((e) => !(slotOf(e) === ref.slot && e.revision === ref.revision));
    if (options.releaseIfEmptyAt !== undefined && lane.entries.length === 0) {
      lane.lease = null;
      lane.readyAt = null;
    }
    return true;
  }

  async retryLater(lease: LaneLease, ref: EntryRef, attempts: number, until: number): Promise<boolean> {
    const lane = this.held(lease);
    if (lane === undefined) return false;
    const entry = lane.entries.find((e) => slotOf(e) === ref.slot && e.revision === ref.revision);
    if (entry) entry.attempts = attempts;
    lane.pausedUntil = Math.max(lane.pausedUntil, until);
    return true;
  }

  async pauseLane(lease: LaneLease, until: number): Promise<boolean> {
    const lane = this.held(lease);
    if (lane === undefined) return false;
    lane.pausedUntil = Math.max(lane.pausedUntil, until);
    return true;
  }

  async releaseLane(lease: LaneLease, now: number): Promise<void> {
    const lane = this.held(lease);
    if (lane === undefined) return;
    lane.lease = null;
    lane.readyAt = lane.entries.length > 0 ? Math.max(now, lane.pausedUntil) : null;
  }

  async nextDueAt(): Promise<number | undefined> {
    const due = [...this.lanes.values()].flatMap((l) => (l.readyAt === null ? [] : [l.lease === null ? l.readyAt : Math.max(l.readyAt, l.lease.until)]));
    return due.length === 0 ? undefined : Math.min(...due);
  }

  async listPending(lane: string): Promise<OutboxEntry[]> {
    return structuredClone(this.lanes.get(lane)?.entries ?? []);
  }

  private held(lease: LaneLease): Lane | undefined {
    const lane = this.lanes.get(lease.lane);
    return lane?.lease?.token === lease.token ? lane : undefined;
  }
}
