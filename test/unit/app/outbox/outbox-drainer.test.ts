import { describe, expect, it } from 'vitest';
import { OutboxDrainer, type OutboxEvent } from '../../../../src/app/outbox/outbox-drainer';
import type { OutboxSender } from '../../../../src/app/outbox/outbox-sender';
import { aDrainer, drainUntilIdle } from '../../../support/drive-outbox';
import { FixedClock } from '../../../support/fixed-clock';
import { InMemoryCaseStore } from '../../../support/in-memory-case-store';
import { InMemoryOutbox } from '../../../support/in-memory-outbox';
import { aStatusMessage } from '../../../support/outbox-messages';
import { RecordingOutboxSender } from '../../../support/recording-outbox-sender';
import { maxInAnyWindow } from '../../../support/virtual-timer';
import { teamsSendLimits } from '../../../../src/app/outbox/send-window';

const start = '2026-11-23T09:00:00.000Z';

/** A drainer whose timers are real ones (the fake clock only dates its sends and leases). */
function onRealTimers(
  side: ReturnType<typeof setup>['side'],
  clock: FixedClock,
  sender: OutboxSender,
  options: ConstructorParameters<typeof OutboxDrainer>[1],
  onEvent?: (event: OutboxEvent) => void,
): OutboxDrainer {
  return new OutboxDrainer(
    {
      store: side.outbox,
      records: side.records,
      sender,
      clock,
      timer: {
        now: () => Date.parse(clock.now()),
        schedule: (delayMs, run) => {
          const timeout = setTimeout(run, delayMs);
          return () => clearTimeout(timeout);
        },
      },
      random: () => 0.5,
      caseVersion: async () => undefined,
      onError: (error) => {
        throw error;
      },
      ...(onEvent ? { onEvent } : {}),
    },
    options,
  );
}
const setup = () => {
  const records = new InMemoryCaseStore();
  return { side: { outbox: new InMemoryOutbox(records), records }, clock: new FixedClock(start) };
};

describe('OutboxDrainer retries', () => {
  it('backs off on 5xx (1 s, 2 s, 4 s, 8 s at jitter 0.5 → 0.75 of each step) and records failed after 5 attempts', async () => {
    const { side, clock } = setup();
    const message = aStatusMessage('c-1', 'p-1');
    await side.outbox.enqueue([message, aStatusMessage('c-2', 'p-1')], start);
    const sender = new RecordingOutboxSender(clock, ({ key }) => (key === message.key ? { status: 'retry', lastStatus: '503' } : undefined));
    await drainUntilIdle([aDrainer(side, clock, sender, 'one')], clock);
    const gaps = sender.calls.filter((c) => c.key === message.key).map((c, i, all) => c.at - (all[i - 1]?.at ?? c.at));
    expect(gaps).toEqual([0, 750, 1_500, 3_000, 6_000]);
    expect(await side.records.getDelivery(message.key)).toMatchObject({ status: 'failed', lastStatus: '503', attempts: 5 });
    expect(sender.delivered()).toEqual(['case:c-2:status-received:person:tenant-1:p-1']);
  });

  it('records 403 as unreachable without retrying, and goes on with the next message of the conversation', async () => {
    const { side, clock } = setup();
    const message = aStatusMessage('c-1', 'p-1');
    await side.outbox.enqueue([message, aStatusMessage('c-2', 'p-1')], start);
    const sender = new RecordingOutboxSender(clock, ({ key }) => (key === message.key ? { status: 'unreachable', lastStatus: '403' } : undefined));
    await drainUntilIdle([aDrainer(side, clock, sender, 'one')], clock);
    expect(sender.calls.map((c) => [c.key, c.result])).toEqual([
      [message.key, 'unreachable'],
      ['case:c-2:status-received:person:tenant-1:p-1', 'delivered'],
    ]);
    expect(await side.records.getDelivery(message.key)).toMatchObject({ status: 'unreachable', lastStatus: '403', attempts: 1 });
  });

  it('does not count 429 with Retry-After as a failed attempt: ten of them still end in a delivery', async () => {
    const { side, clock } = setup();
    const message = aStatusMessage('c-1', 'p-1');
    await side.outbox.enqueue([message], start);
    const sender = new RecordingOutboxSender(clock, ({ nthToLane }) => (nthToLane <= 10 ? { status: 'retry', lastStatus: '429', retryAfterMs: 1_000 } : undefined));
    await drainUntilIdle([aDrainer(side, clock, sender, 'one')], clock);
    expect(sender.calls).toHaveLength(11);
    expect(await side.records.getDelivery(message.key)).toMatchObject({ status: 'delivered' });
  });
});

describe('OutboxDrainer and the tenant budget', () => {
  it('lets conversations take turns at the tenant budget: 33 chats drain together at 50 per second, none left for the end', async () => {
    const { side, clock } = setup();
    const messages = Array.from({ length: 60 }, (_, i) => Array.from({ length: 33 }, (_, chat) => aStatusMessage(`c-${i}-${chat}`, `p-${chat}`))).flat();
    await side.outbox.enqueue(messages, start);
    const sender = new RecordingOutboxSender(clock);
    // More chats than lanes drained at once (32), as in a burst to every member of many teams.
    await drainUntilIdle([aDrainer(side, clock, sender, 'one', { leaseMs: 30_000, maxLanes: 32, maxPerClaim: 20, limits: teamsSendLimits })], clock, 10_000);
    const sentAt = sender.calls.map((c) => c.at - Date.parse(start));
    expect(sender.calls).toHaveLength(messages.length);
    expect(maxInAnyWindow(sentAt, 1_000)).toBeLessThanOrEqual(50);
    // 1,980 messages at 50 per second: 39.6 s at best (each chat is also held to 60 per 30 s).
    expect(Math.max(...sentAt)).toBeLessThanOrEqual(41_000);
    const finished = [...new Set(sender.calls.map((c) => c.lane))].map((lane) => Math.max(...sender.calls.filter((c) => c.lane === lane).map((c) => c.at)));
    expect(Math.max(...finished) - Math.min(...finished)).toBeLessThanOrEqual(8_000);
  });

  it('gives each send the budget frees to one waiting chat, when sends take time: fewer refusals than messages, chats finish together', async () => {
    const { side, clock } = setup();
    const messages = Array.from({ length: 60 }, (_, i) => Array.from({ length: 33 }, (_, chat) => aStatusMessage(`c-${i}-${chat}`, `p-${chat}`))).flat();
    await side.outbox.enqueue(messages, start);
    const recording = new RecordingOutboxSender(clock);
    // Each send takes 10 ms, so the budget's sends leave its window one by one instead of all at once.
    const sender: OutboxSender = {
      send: async (entry, previous) => {
        const result = await recording.send(entry, previous);
        clock.set(new Date(Date.parse(clock.now()) + 10).toISOString());
        return result;
      },
    };
    let refused = 0;
    const outbox = side.outbox;
    const counting = Object.assign(Object.create(outbox) as typeof outbox, {
      takeSendSlot: async (...args: Parameters<typeof outbox.takeSendSlot>) => {
        const slot = await outbox.takeSendSlot(...args);
        if (!slot.ok) refused += 1;
        return slot;
      },
    });
    await drainUntilIdle([aDrainer({ ...side, outbox: counting }, clock, sender, 'one', { leaseMs: 30_000, maxLanes: 32, maxPerClaim: 20, limits: teamsSendLimits })], clock, 10_000);
    const sentAt = recording.calls.map((c) => c.at - Date.parse(start));
    expect(recording.calls).toHaveLength(messages.length);
    expect(maxInAnyWindow(sentAt, 1_000)).toBeLessThanOrEqual(50);
    // Every waiting chat trying each send as it frees: 3.7 refused attempts per message (and the store work of each).
    expect(refused).toBeLessThanOrEqual(messages.length);
    expect(Math.max(...sentAt)).toBeLessThanOrEqual(41_000);
    const finished = [...new Set(recording.calls.map((c) => c.lane))].map((lane) => Math.max(...recording.calls.filter((c) => c.lane === lane).map((c) => c.at)));
    expect(Math.max(...finished) - Math.min(...finished)).toBeLessThanOrEqual(8_000);
  });
});

describe('OutboxDrainer and its lease', () => {
  it('gives a send that has not ended up as no response before its lease runs out, and pauses the message for a retry', async () => {
    const { side, clock } = setup();
    const message = aStatusMessage('c-1', 'p-1');
    await side.outbox.enqueue([message], start);
    // A send that needs calls which do not answer (creating a chat, then posting): it never ends by itself.
    const hanging: OutboxSender = { send: () => new Promise(() => undefined) };
    const events: unknown[] = [];
    // The fake clock stands still: the send has 800 − 100 ms of the lease, the last eighth kept free.
    const drainer = onRealTimers(side, clock, hanging, { owner: 'one', leaseMs: 800 }, (event) => events.push(event));
    const began = performance.now();
    await drainer.drainOnce();
    expect(performance.now() - began).toBeLessThan(800);
    expect(events).toContainEqual(expect.objectContaining({ event: 'outbox.retrying', deliveryKey: message.key, lastStatus: 'no_response', attempts: 1 }));
    expect(await side.outbox.listPending(message.lane)).toMatchObject([{ key: message.key, attempts: 1 }]);
  });
});

describe('OutboxDrainer timer', () => {
  it('holds one timer: set to the next due time after a round, and to now on wake', async () => {
    const { side, clock } = setup();
    const scheduled: number[] = [];
    const runs: (() => void)[] = [];
    const drainer = new OutboxDrainer(
      {
        store: side.outbox,
        records: side.records,
        sender: new RecordingOutboxSender(clock),
        clock,
        timer: {
          now: () => Date.parse(clock.now()),
          schedule: (delayMs, run) => {
            scheduled.push(delayMs);
            runs.push(run);
            return () => undefined;
          },
        },
        random: () => 0.5,
        caseVersion: async () => undefined,
        onError: (error) => {
          throw error;
        },
      },
      { owner: 'one', idlePollMs: 15_000 },
    );
    drainer.start();
    expect(scheduled).toEqual([0]);
    runs.at(-1)?.();
    await drainer.stop();
    expect(scheduled).toEqual([0]);

    drainer.start();
    runs.at(-1)?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(scheduled).toEqual([0, 0, 15_000]);
    await side.outbox.enqueue([aStatusMessage('c-1', 'p-1')], start);
    drainer.wake();
    expect(scheduled).toEqual([0, 0, 15_000, 0]);
    await drainer.stop();
  });
});

describe('OutboxDrainer stop', () => {
  it('on stop, finishes the send in flight and sends nothing more from that lane: the rest stays queued', async () => {
    const { side, clock } = setup();
    const messages = [aStatusMessage('c-1', 'p-1'), aStatusMessage('c-2', 'p-1'), aStatusMessage('c-3', 'p-1')];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sent: string[] = [];
    const sender: OutboxSender = {
      send: async (entry) => {
        sent.push(entry.key);
        await gate;
        return { status: 'delivered', messageId: `m-${entry.key}`, address: { transport: 'test', value: entry.lane }, conversationCreated: false };
      },
    };
    const drainer = onRealTimers(side, clock, sender, { owner: 'one' });
    await side.outbox.enqueue(messages, start);
    drainer.start();
    for (let i = 0; i < 100 && sent.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = drainer.stop();
    release();
    await stopped;
    expect(sent).toEqual([messages[0]?.key]);
    expect((await side.outbox.listPending('person:tenant-1:p-1')).map((e) => e.key)).toEqual([messages[1]?.key, messages[2]?.key]);
  });
});

describe('OutboxDrainer failures after a send', () => {
  const delivered = (entry: { key: string; lane: string }, conversationCreated: boolean) =>
    ({ status: 'delivered', messageId: `m-${entry.key}`, address: { transport: 'test', value: entry.lane }, conversationCreated }) as const;

  it('does not send a message again when saving the chat it created fails: the delivery is recorded first', async () => {
    const { side, clock } = setup();
    const saveAddress = side.records.saveAddress.bind(side.records);
    let failures = 1;
    side.records.saveAddress = async (...args) => {
      if (failures-- > 0) throw new Error('store unavailable');
      return saveAddress(...args);
    };
    const message = aStatusMessage('c-1', 'p-1');
    await side.outbox.enqueue([message], start);
    const sends: string[] = [];
    const sender: OutboxSender = {
      send: async (entry) => {
        sends.push(entry.key);
        return delivered(entry, true);
      },
    };
    const drainer = aDrainer(side, clock, sender, 'one');
    await expect(drainer.drainOnce()).rejects.toThrow('store unavailable');
    await drainUntilIdle([drainer], clock);
    expect(sends).toEqual([message.key]);
    expect(await side.records.getDelivery(message.key)).toMatchObject({ status: 'delivered', messageId: `m-${message.key}` });
  });

  it('ends a round only when every lane has, even after one lane failed: nothing sends after stop() returned', async () => {
    const { side, clock } = setup();
    const [failing, slow] = [aStatusMessage('c-1', 'p-1'), aStatusMessage('c-2', 'p-2')];
    await side.outbox.enqueue([failing, slow], start);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sender: OutboxSender = {
      send: async (entry) => {
        if (entry.key === failing.key) throw new Error('a bug in rendering');
        await gate;
        return delivered(entry, false);
      },
    };
    let ended = false;
    const round = aDrainer(side, clock, sender, 'one')
      .drainOnce()
      .finally(() => {
        ended = true;
      });
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    release();
    await expect(round).rejects.toThrow('a bug in rendering');
    expect(await side.records.getDelivery(slow.key)).toMatchObject({ status: 'delivered' });
  });
});
