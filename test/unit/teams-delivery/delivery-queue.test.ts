import { describe, expect, it } from 'vitest';
import { DeliveryQueue, type TransportResult } from '../../../src/adapters/teams/delivery/delivery-queue';
import { RateLimiter, teamsRateLimits } from '../../../src/adapters/teams/delivery/rate-limiter';
import type { RetryPolicy, TransportFailure } from '../../../src/adapters/teams/delivery/retry-policy';
import { VirtualTimer } from '../../support/virtual-timer';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

function aQueue(timer = new VirtualTimer(), maxQueuedPerConversation = 500): DeliveryQueue {
  return new DeliveryQueue({ limiter: new RateLimiter(teamsRateLimits, timer), policy, timer, random: () => 0.5, maxQueuedPerConversation });
}

/** A call that fails with the scripted failures in turn, then succeeds with `value`. */
function scripted<T>(failures: TransportFailure[], value: T): { call: () => Promise<TransportResult<T>>; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    call: async () => {
      const failure = failures[calls];
      calls += 1;
      return failure ? { ok: false, failure } : { ok: true, value };
    },
  };
}

describe('the delivery queue', () => {
  it('retries a 429 after its Retry-After and succeeds with one more call', async () => {
    const timer = new VirtualTimer();
    const send = scripted([{ status: 429, retryAfter: '2' }], 'm-1');
    const result = await aQueue(timer).run('c', send.call);
    expect(result).toEqual({ ok: true, value: 'm-1', attempts: 2 });
    expect(send.calls()).toBe(2);
    expect(timer.sleeps).toEqual([2_000]);
  });

  it('gives up after the attempt bound with the last status, backing off in between', async () => {
    const timer = new VirtualTimer();
    const send = scripted(Array.from({ length: 10 }, () => ({ status: 502 })), 'never');
    const result = await aQueue(timer).run('c', send.call);
    expect(result).toEqual({ ok: false, reason: 'failed', attempts: 4, lastStatus: 502 });
    expect(send.calls()).toBe(4);
    expect(timer.sleeps).toEqual([750, 1_500, 3_000]);
  });

  it('does not retry a 403', async () => {
    const send = scripted([{ status: 403 }], 'never');
    expect(await aQueue().run('c', send.call)).toEqual({ ok: false, reason: 'unreachable', attempts: 1 });
    expect(send.calls()).toBe(1);
  });

  it('keeps arrival order within a conversation even when an earlier message waits out a retry', async () => {
    const queue = aQueue();
    const order: string[] = [];
    const first = queue.run('c', async (): Promise<TransportResult<string>> => {
      order.push('first');
      return order.length === 1 ? { ok: false, failure: { status: 503 } } : { ok: true, value: 'first' };
    });
    const second = queue.run('c', async (): Promise<TransportResult<string>> => {
      order.push('second');
      return { ok: true, value: 'second' };
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'first', 'second']);
  });

  it('refuses work beyond the per-conversation bound instead of growing without limit', async () => {
    const queue = aQueue(new VirtualTimer(), 2);
    const send = scripted([], 'ok');
    const results = await Promise.all([queue.run('c', send.call), queue.run('c', send.call), queue.run('c', send.call)]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]).toEqual({ ok: false, reason: 'failed', attempts: 0, lastStatus: 'queue_full' });
    expect(queue.queuedIn('c')).toBe(0);
  });
});

describe('the delivery queue at shutdown', () => {
  const unanswered = (): Promise<TransportResult<string>> => new Promise(() => undefined);

  it('ends a call the Bot Connector never answers, the work queued behind it and later work as abandoned', async () => {
    const queue = aQueue();
    const hanging = queue.run('c', unanswered);
    const behind = queue.run('c', scripted([], 'never sent').call);
    await new Promise((resolve) => setImmediate(resolve));
    queue.abandon();
    expect(await hanging).toEqual({ ok: false, reason: 'failed', attempts: 1, lastStatus: 'abandoned' });
    expect(await behind).toEqual({ ok: false, reason: 'failed', attempts: 0, lastStatus: 'abandoned' });
    const later = scripted([], 'never sent');
    expect(await queue.run('d', later.call)).toEqual({ ok: false, reason: 'failed', attempts: 0, lastStatus: 'abandoned' });
    expect(later.calls()).toBe(0);
  });

  it('holds nothing for shutdown once work is done: a long-running server does not grow with every send', async () => {
    const queue = aQueue();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => queue.run(`c-${i % 7}`, scripted(i % 3 === 0 ? [{ status: 503 }] : [], `m-${i}`).call)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(queue.waiting).toBe(0);
    const hanging = queue.run('c', unanswered);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.waiting).toBe(1);
    queue.abandon();
    await hanging;
    expect(queue.waiting).toBe(0);
  });

  it('ends a send waiting out a Retry-After at once instead of after the wait', async () => {
    const neverWakes = Object.assign(new VirtualTimer(), { sleep: () => new Promise<void>(() => undefined) });
    const queue = aQueue(neverWakes);
    const waiting = queue.run('c', scripted([{ status: 429, retryAfter: '30' }], 'm-1').call);
    await new Promise((resolve) => setImmediate(resolve));
    queue.abandon();
    expect(await waiting).toEqual({ ok: false, reason: 'failed', attempts: 1, lastStatus: 'abandoned' });
  });
});

describe('the delivery queue with a call timeout', () => {
  it('ends a call the Bot Connector does not answer in time as no response, and lets the next call of the conversation go', async () => {
    const timer = new VirtualTimer();
    const queue = new DeliveryQueue({ limiter: new RateLimiter(teamsRateLimits, timer), policy: { ...policy, maxAttempts: 1 }, timer, random: () => 0.5, maxQueuedPerConversation: 500, callTimeoutMs: 30 });
    const hanging = queue.run('c', () => new Promise<TransportResult<string>>(() => undefined));
    const next = queue.run('c', scripted([], 'sent').call);
    expect(await hanging).toEqual({ ok: false, reason: 'failed', attempts: 1, lastStatus: 'no_response' });
    expect(await next).toEqual({ ok: true, value: 'sent', attempts: 1 });
  });

  it('leaves a call that answers in time as it was', async () => {
    const timer = new VirtualTimer();
    const queue = new DeliveryQueue({ limiter: new RateLimiter(teamsRateLimits, timer), policy, timer, random: () => 0.5, maxQueuedPerConversation: 500, callTimeoutMs: 1_000 });
    expect(await queue.run('c', scripted([], 'sent').call)).toEqual({ ok: true, value: 'sent', attempts: 1 });
  });
});
