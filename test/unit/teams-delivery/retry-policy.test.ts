import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, parseRetryAfter, type RetryPolicy } from '../../../src/adapters/teams/delivery/retry-policy';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };
const now = Date.parse('2026-11-23T09:00:00.000Z');
const half = () => 0.5;

describe('what the delivery engine does after a failed Bot Connector call', () => {
  it.each([
    [412, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [408, 'retry'],
    ['no_response', 'retry'],
    [403, 'unreachable'],
    [404, 'not_found'],
    [400, 'give_up'],
    [401, 'give_up'],
    [413, 'give_up'],
  ] as const)('status %s on a first attempt: %s', (status, action) => {
    expect(decideRetry({ status }, 1, policy, now, half).action).toBe(action);
  });

  it('waits exactly as long as Retry-After asks on a 429', () => {
    expect(decideRetry({ status: 429, retryAfter: '2' }, 1, policy, now, half)).toEqual({ action: 'retry', delayMs: 2_000 });
  });

  it('reads Retry-After given as an HTTP date', () => {
    const inFiveSeconds = new Date(now + 5_000).toUTCString();
    expect(decideRetry({ status: 429, retryAfter: inFiveSeconds }, 1, policy, now, half)).toEqual({ action: 'retry', delayMs: 5_000 });
  });

  it('leaves a very long Retry-After to the later sweep instead of holding the conversation', () => {
    expect(decideRetry({ status: 429, retryAfter: '120' }, 1, policy, now, half)).toEqual({ action: 'give_up' });
  });

  it('backs off exponentially on a 429 without Retry-After and on 5xx', () => {
    const delays = [1, 2, 3, 4].map((attempt) => decideRetry({ status: 502 }, attempt, policy, now, half));
    expect(delays).toEqual([
      { action: 'retry', delayMs: 750 },
      { action: 'retry', delayMs: 1_500 },
      { action: 'retry', delayMs: 3_000 },
      { action: 'retry', delayMs: 6_000 },
    ]);
  });

  it('gives up once the attempt bound is reached, even for a transient status', () => {
    expect(decideRetry({ status: 503 }, 5, policy, now, half)).toEqual({ action: 'give_up' });
    expect(decideRetry({ status: 429, retryAfter: '1' }, 5, policy, now, half)).toEqual({ action: 'give_up' });
  });

  it('never waits longer than the backoff cap, and jitter stays within the step', () => {
    expect(backoffDelay(12, policy, () => 0.999)).toBeLessThanOrEqual(30_000);
    expect(backoffDelay(12, policy, () => 0)).toBe(15_000);
  });

  it.each([
    ['0', 0],
    [' 3 ', 3_000],
    ['soon', undefined],
  ])('parses Retry-After %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
