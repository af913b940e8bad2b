import { describe, expect, it } from 'vitest';
import { RateLimiter, teamsRateLimits, waitFor } from '../../../src/adapters/teams/delivery/rate-limiter';
import { maxInAnyWindow, VirtualTimer } from '../../support/virtual-timer';

describe('rate limits for proactive sends', () => {
  it('lets a burst of 100 into one conversation at no more than 7 per second, 8 per 2 s and 60 per 30 s', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter(teamsRateLimits, timer);
    const started: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      await limiter.acquire('conversation-a');
      started.push(timer.now());
    }
    expect(maxInAnyWindow(started, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInAnyWindow(started, 2_000)).toBeLessThanOrEqual(8);
    expect(maxInAnyWindow(started, 30_000)).toBeLessThanOrEqual(60);
    // …and does not dawdle: the 30 s window is the binding one, so 100 calls need just over one window.
    expect((started.at(-1) ?? 0) - (started[0] ?? 0)).toBeLessThan(70_000);
  });

  it('does not slow one conversation down because another is busy, within the global limit', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter(teamsRateLimits, timer);
    for (let i = 0; i < 7; i += 1) await limiter.acquire('busy');
    const before = timer.now();
    await limiter.acquire('quiet');
    expect(timer.now()).toBe(before);
  });

  it('holds the global rate across conversations', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter({ perConversation: [], global: [{ windowMs: 1_000, max: 50 }] }, timer);
    const started: number[] = [];
    for (let i = 0; i < 120; i += 1) {
      await limiter.acquire(`conversation-${i}`);
      started.push(timer.now());
    }
    expect(maxInAnyWindow(started, 1_000)).toBeLessThanOrEqual(50);
  });

  it('forgets conversations once they are quiet for longer than the longest window', async () => {
    const timer = new VirtualTimer();
    const limiter = new RateLimiter(teamsRateLimits, timer);
    await limiter.acquire('a');
    await limiter.acquire('b');
    timer.advance(3_600_001);
    await limiter.acquire('c');
    expect(limiter.trackedConversations).toBe(1);
  });

  it('computes the wait until the oldest call that blocks leaves the window', () => {
    const limits = [{ windowMs: 1_000, max: 2 }];
    expect(waitFor([0, 100], limits, 500)).toBe(500);
    expect(waitFor([0, 100], limits, 999)).toBe(1);
    expect(waitFor([0, 100], limits, 1_000)).toBe(0);
    expect(waitFor([0], limits, 500)).toBe(0);
  });
});
