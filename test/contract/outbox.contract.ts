import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryRefOf, type OutboxMessage } from '../../src/app/outbox/outbox-message';
import type { LaneLease } from '../../src/app/outbox/outbox-store';
import { aDelivery } from '../support/a-delivery';
import { aDrainer, crashingOnSettle, drainUntilIdle, type OutboxSide } from '../support/drive-outbox';
import { FixedClock } from '../support/fixed-clock';
import { aCaseCard, aStatusMessage } from '../support/outbox-messages';
import { RecordingOutboxSender, type SentCall } from '../support/recording-outbox-sender';
import { maxInAnyWindow } from '../support/virtual-timer';

export interface OutboxHarness extends OutboxSide {
  /** The same store as another process sees it: its own connection or client. */
  another(): Promise<OutboxSide>;
  cleanup(): Promise<void>;
}

const start = '2026-11-23T09:00:00.000Z';
const at = (clock: FixedClock) => clock.now();

/** `lanes` people, each with `perLane` status messages about cases c-1 … c-perLane. */
function backlog(lanes: number, perLane: number): OutboxMessage[] {
  return Array.from({ length: perLane }, (_, i) => Array.from({ length: lanes }, (_, l) => aStatusMessage(`c-${i + 1}`, `p-${l + 1}`))).flat();
}

const keysByLane = (messages: readonly { lane: string; key: string }[]): Record<string, string[]> => {
  const lanes: Record<string, string[]> = {};
  for (const m of messages) (lanes[m.lane] ??= []).push(m.key);
  return lanes;
};
const deliveredCalls = (calls: readonly SentCall[]) => calls.filter((c) => c.result === 'delivered' && c.kind === 'send');

/**
 * The outbox's behaviour on one store: order per conversation, each message once across restarts and two
 * instances, Teams' limits held in sum, 429 storms, coalescing of cards and leases that outlive a crash.
 * Time is a FixedClock moved by hand; the sender records when each call would have reached Teams.
 */
export function outboxContract(name: string, open: () => Promise<OutboxHarness>, options: { releasesOnSettle: boolean }): void {
  describe(`${name} outbox`, () => {
    let h: OutboxHarness;
    let clock: FixedClock;
    beforeEach(async () => {
      h = await open();
      clock = new FixedClock(start);
    });
    afterEach(() => h.cleanup());

    it('sends every message once, in the order it was queued per conversation, and leaves nothing pending', async () => {
      const messages = backlog(3, 4);
      await h.outbox.enqueue(messages, at(clock));
      const sender = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      expect(keysByLane(deliveredCalls(sender.calls))).toEqual(keysByLane(messages));
      expect(sender.calls).toHaveLength(messages.length);
      for (const lane of Object.keys(keysByLane(messages))) expect(await h.outbox.listPending(lane)).toEqual([]);
      expect((await h.records.getDelivery(messages[0]?.key ?? ''))?.status).toBe('delivered');
    });

    it('queues one message per delivery key: the same key enqueued again is not sent twice', async () => {
      const message = aStatusMessage('c-1', 'p-1');
      await h.outbox.enqueue([message, message], at(clock));
      await h.outbox.enqueue([message], at(clock));
      expect(await h.outbox.listPending(message.lane)).toHaveLength(1);
      const sender = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      await h.outbox.enqueue([message], at(clock));
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      expect(sender.calls.map((c) => c.key)).toEqual([message.key]);
    });

    it('takes a burst of enqueues into one lane from two instances at once: every message queued, none refused', async () => {
      // Ten teachers reporting to one team at the same moment, over two instances: one lane, ten writers.
      const messages = Array.from({ length: 12 }, (_, i) => aStatusMessage(`c-${i + 1}`, 'p-1'));
      const other = await h.another();
      await Promise.all(messages.map((m, i) => (i % 2 === 0 ? h : other).outbox.enqueue([m], at(clock))));
      expect((await h.outbox.listPending('person:tenant-1:p-1')).map((e) => e.key).sort()).toEqual(messages.map((m) => m.key).sort());
    });

    it('keeps a pause its holder sets while other instances enqueue into the lane (a Retry-After is never cut short)', async () => {
      await h.outbox.enqueue([aStatusMessage('c-0', 'p-1')], at(clock));
      const now = Date.parse(at(clock));
      const [lease] = await h.outbox.claimLanes({ now, owner: 'one', leaseMs: 30_000, limit: 1 });
      if (lease === undefined) throw new Error('expected to claim the lane');
      const other = await h.another();
      const racing = Array.from({ length: 12 }, (_, i) => aStatusMessage(`c-${i + 1}`, 'p-1'));
      const [paused] = await Promise.all([
        h.outbox.pauseLane(lease, now + 20_000),
        ...racing.map((m, i) => (i % 2 === 0 ? h : other).outbox.enqueue([m], at(clock))),
      ]);
      expect(paused).toBe(true);
      await h.outbox.releaseLane(lease, now);
      expect(await h.outbox.claimLanes({ now: now + 19_000, owner: 'two', leaseMs: 30_000, limit: 1 })).toEqual([]);
      expect(await h.outbox.nextDueAt()).toBe(now + 20_000);
    });

    it('after a restart in the middle of a backlog, sends the rest: nothing lost, nothing twice, order kept', async () => {
      const messages = backlog(3, 6);
      await h.outbox.enqueue(messages, at(clock));
      const before = new RecordingOutboxSender(clock);
      await aDrainer(h, clock, before, 'before', { maxPerClaim: 2 }).drainOnce();
      expect(before.calls.length).toBeGreaterThan(0);
      expect(before.calls.length).toBeLessThan(messages.length);

      const restarted = await h.another();
      const after = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(restarted, clock, after, 'after')], clock);
      expect(keysByLane([...before.calls, ...after.calls])).toEqual(keysByLane(messages));
    });

    it('does not send again a message whose delivery was recorded just before the process died', async () => {
      const message = aStatusMessage('c-1', 'p-1');
      await h.outbox.enqueue([message, aStatusMessage('c-2', 'p-1')], at(clock));
      const dying = new RecordingOutboxSender(clock);
      await expect(aDrainer({ ...h, outbox: crashingOnSettle(h) }, clock, dying, 'dying').drainOnce()).rejects.toThrow('process died');
      expect(dying.calls.map((c) => c.key)).toEqual([message.key]);

      const restarted = await h.another();
      const after = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(restarted, clock, after, 'after')], clock);
      expect([...dying.calls, ...after.calls].map((c) => c.key)).toEqual([message.key, 'case:c-2:status-received:person:tenant-1:p-1']);
    });

    it('writes the delivery record with the settle, even when the lease was lost meanwhile (the message went out)', async () => {
      const [first, second] = [aStatusMessage('c-1', 'p-1'), aStatusMessage('c-2', 'p-2')];
      await h.outbox.enqueue([first, second], at(clock));
      const now = Date.parse(at(clock));
      const leases = await h.outbox.claimLanes({ now, owner: 'one', leaseMs: 10_000, limit: 2 });
      const settleHead = async (lease: LaneLease, held: boolean) => {
        const head = await h.outbox.headOfLane(lease);
        if (head === undefined) throw new Error(`nothing at the head of ${lease.lane}`);
        if (!held) await h.outbox.releaseLane(lease, now);
        const record = aDelivery(head.payload.caseId, { key: head.key, status: 'delivered', messageId: `m-${head.key}` });
        return h.outbox.settle(lease, entryRefOf(head), { record });
      };
      const [keep, lose] = leases.sort((a, b) => a.lane.localeCompare(b.lane));
      if (keep === undefined || lose === undefined) throw new Error('expected two leases');
      expect(await settleHead(keep, true)).toBe(true);
      expect(await settleHead(lose, false)).toBe(false);
      expect(await h.records.getDelivery(first.key)).toMatchObject({ status: 'delivered', messageId: `m-${first.key}` });
      expect(await h.records.getDelivery(second.key)).toMatchObject({ status: 'delivered', messageId: `m-${second.key}` });
      expect(await h.outbox.listPending(first.lane)).toEqual([]);
      expect(await h.outbox.listPending(second.lane)).toHaveLength(1);
    });

    it("a failure settled after the lease was lost leaves the lane's new holder's delivered record as it is", async () => {
      const message = aStatusMessage('c-1', 'p-1');
      await h.outbox.enqueue([message], at(clock));
      const now = Date.parse(at(clock));
      const [first] = await h.outbox.claimLanes({ now, owner: 'slow', leaseMs: 10_000, limit: 1 });
      if (first === undefined) throw new Error('expected a lease');
      const head = await h.outbox.headOfLane(first);
      if (head === undefined) throw new Error('expected the message at the head');
      // The slow instance's send outlives its lease; another instance takes the lane and delivers.
      const later = now + 10_000;
      const other = await h.another();
      const [second] = await other.outbox.claimLanes({ now: later, owner: 'other', leaseMs: 10_000, limit: 1 });
      if (second === undefined) throw new Error('expected the lane to be claimable once the lease ran out');
      const delivered = aDelivery('c-1', { key: message.key, status: 'delivered', messageId: 'm-other' });
      expect(await other.outbox.settle(second, entryRefOf(head), { record: delivered })).toBe(true);
      const failed = aDelivery('c-1', { key: message.key, status: 'failed', lastStatus: 'no_response' });
      expect(await h.outbox.settle(first, entryRefOf(head), { record: failed })).toBe(false);
      expect(await h.records.getDelivery(message.key)).toMatchObject({ status: 'delivered', messageId: 'm-other' });
    });

    it.runIf(options.releasesOnSettle)('a settle that empties the lane releases it: a message queued next is claimable at once, by anyone', async () => {
      const [first, second] = [aStatusMessage('c-1', 'p-1'), aStatusMessage('c-2', 'p-1')];
      await h.outbox.enqueue([first, second], at(clock));
      const now = Date.parse(at(clock));
      const [lease] = await h.outbox.claimLanes({ now, owner: 'one', leaseMs: 10_000, limit: 1 });
      if (lease === undefined) throw new Error('expected a lease');
      for (const expected of [first.key, second.key]) {
        const head = await h.outbox.headOfLane(lease);
        expect(head?.key).toBe(expected);
        if (head === undefined) return;
        expect(await h.outbox.settle(lease, entryRefOf(head), { releaseIfEmptyAt: now })).toBe(true);
      }
      await h.outbox.enqueue([aStatusMessage('c-3', 'p-1')], at(clock));
      const other = await h.another();
      expect((await other.outbox.claimLanes({ now, owner: 'two', leaseMs: 10_000, limit: 1 })).map((l) => l.lane)).toEqual([first.lane]);
    });

    it("picks up a crashed instance's lanes once its lease has run out, not before", async () => {
      const messages = backlog(2, 2);
      await h.outbox.enqueue(messages, at(clock));
      const held = await h.outbox.claimLanes({ now: Date.parse(at(clock)), owner: 'crashed', leaseMs: 10_000, limit: 10 });
      expect(held).toHaveLength(2);
      const other = await h.another();
      const sender = new RecordingOutboxSender(clock);
      const drainer = aDrainer(other, clock, sender, 'survivor');
      expect(await drainer.drainOnce()).toBe(Date.parse(start) + 10_000);
      expect(sender.calls).toEqual([]);
      await drainUntilIdle([drainer], clock);
      expect(sender.calls.every((c) => c.at >= Date.parse(start) + 10_000)).toBe(true);
      expect(keysByLane(sender.calls)).toEqual(keysByLane(messages));
    });

    it('gives each lane to one of two instances claiming at once', async () => {
      await h.outbox.enqueue(backlog(6, 1), at(clock));
      const other = await h.another();
      const now = Date.parse(at(clock));
      const [one, two] = await Promise.all([
        h.outbox.claimLanes({ now, owner: 'one', leaseMs: 10_000, limit: 6 }),
        other.outbox.claimLanes({ now, owner: 'two', leaseMs: 10_000, limit: 6 }),
      ]);
      const lanes = [...(one ?? []), ...(two ?? [])].map((l) => l.lane).sort();
      expect(lanes).toEqual(['person:tenant-1:p-1', 'person:tenant-1:p-2', 'person:tenant-1:p-3', 'person:tenant-1:p-4', 'person:tenant-1:p-5', 'person:tenant-1:p-6']);
    });

    it('two instances draining one store send each message once and hold the limits in sum', async () => {
      const messages = backlog(4, 6);
      await h.outbox.enqueue(messages, at(clock));
      const other = await h.another();
      const senderOne = new RecordingOutboxSender(clock);
      const senderTwo = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(h, clock, senderOne, 'one', { maxLanes: 2 }), aDrainer(other, clock, senderTwo, 'two', { maxLanes: 2 })], clock);
      const calls = [...senderOne.calls, ...senderTwo.calls].sort((a, b) => a.at - b.at);
      expect(senderOne.calls.length).toBeGreaterThan(0);
      expect(senderTwo.calls.length).toBeGreaterThan(0);
      expect(calls.map((c) => c.key).sort()).toEqual(messages.map((m) => m.key).sort());
      for (const lane of new Set(calls.map((c) => c.lane))) {
        expect(maxInAnyWindow(calls.filter((c) => c.lane === lane).map((c) => c.at), 2_000)).toBeLessThanOrEqual(4);
      }
      expect(maxInAnyWindow(calls.map((c) => c.at), 1_000)).toBe(5);
      for (const lane of new Set(calls.map((c) => c.lane))) {
        const inLane = (list: readonly { lane: string; key: string }[]) => list.filter((c) => c.lane === lane).map((c) => c.key);
        expect(inLane(calls)).toEqual(inLane(messages));
      }
    });

    it('holds the per-conversation limit in one busy conversation, whichever instance sends', async () => {
      const messages = backlog(1, 12);
      await h.outbox.enqueue(messages, at(clock));
      const other = await h.another();
      const senderOne = new RecordingOutboxSender(clock);
      const senderTwo = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(h, clock, senderOne, 'one', { maxPerClaim: 3 }), aDrainer(other, clock, senderTwo, 'two', { maxPerClaim: 3 })], clock);
      const calls = [...senderOne.calls, ...senderTwo.calls].sort((a, b) => a.at - b.at);
      expect(calls.map((c) => c.key)).toEqual(messages.map((m) => m.key));
      expect(maxInAnyWindow(calls.map((c) => c.at), 2_000)).toBe(4);
    });

    it('waits out a 429 storm during a backlog: each lane pauses for Retry-After, then everything arrives once, in order', async () => {
      const messages = backlog(3, 4);
      await h.outbox.enqueue(messages, at(clock));
      const stormUntil = Date.parse(start) + 5_000;
      const sender = new RecordingOutboxSender(clock, ({ at: t }) => (t < stormUntil ? { status: 'retry', lastStatus: '429', retryAfterMs: 2_000 } : undefined));
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      expect(keysByLane(deliveredCalls(sender.calls))).toEqual(keysByLane(messages));
      expect(sender.calls.filter((c) => c.result === 'retry').length).toBeGreaterThanOrEqual(6);
      for (const lane of new Set(sender.calls.map((c) => c.lane))) {
        const inLane = sender.calls.filter((c) => c.lane === lane);
        inLane.forEach((call, i) => {
          const next = inLane[i + 1];
          if (call.result === 'retry' && next !== undefined) expect(next.at - call.at).toBeGreaterThanOrEqual(2_000);
        });
      }
      for (const m of messages) expect((await h.records.getDelivery(m.key))?.status).toBe('delivered');
    });

    it('coalesces a case card: three changes before it left give one send, a later change updates that message', async () => {
      const card = aCaseCard('c-1', 'FAR-SST-1');
      await h.outbox.enqueue([card], at(clock));
      await h.outbox.enqueue([card, aStatusMessage('c-1', 'p-1')], at(clock));
      await h.outbox.enqueue([card], at(clock));
      expect(await h.outbox.listPending(card.lane)).toMatchObject([{ key: card.key, revision: 3 }]);
      const sender = new RecordingOutboxSender(clock);
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      expect(sender.calls.filter((c) => c.lane === card.lane)).toMatchObject([{ key: card.key, kind: 'send', messageId: 'm-1' }]);

      await h.outbox.enqueue([card], at(clock));
      await h.outbox.enqueue([card], at(clock));
      await drainUntilIdle([aDrainer(h, clock, sender, 'one')], clock);
      expect(sender.calls.filter((c) => c.lane === card.lane)).toMatchObject([
        { key: card.key, kind: 'send', messageId: 'm-1' },
        { key: card.key, kind: 'update', messageId: 'm-1' },
      ]);
      expect(await h.outbox.listPending(card.lane)).toEqual([]);
    });
  });
}
