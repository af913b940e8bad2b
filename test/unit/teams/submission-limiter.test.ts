import { describe, expect, it } from 'vitest';
import { SubmissionLimiter } from '../../../src/adapters/teams/submission-limiter';
import { FixedClock } from '../../support/fixed-clock';

const limit = { max: 3, windowMs: 10 * 60_000 };
const stored = async () => ({ ok: true as const });
const rejected = async () => ({ ok: false as const });

describe('the per-person submission limit', () => {
  it('lets the first N new forms through, refuses the next, and lets one through again when the oldest leaves the window', () => {
    const clock = new FixedClock('2026-11-23T09:00:00.000Z');
    const limiter = new SubmissionLimiter(limit, clock);
    expect(limiter.tryAcquire('t:anna', 'form-1')).toBe(true);
    clock.advance({ minutes: 2 });
    expect(limiter.tryAcquire('t:anna', 'form-2')).toBe(true);
    expect(limiter.tryAcquire('t:anna', 'form-3')).toBe(true);
    expect(limiter.tryAcquire('t:anna', 'form-4')).toBe(false);
    clock.advance({ minutes: 7, hours: 0 });
    expect(limiter.tryAcquire('t:anna', 'form-4')).toBe(false);
    clock.advance({ minutes: 1 });
    expect(limiter.tryAcquire('t:anna', 'form-4')).toBe(true);
    expect(limiter.tryAcquire('t:anna', 'form-5')).toBe(false);
  });

  it('never refuses a repeat of a form that holds a slot, even over the limit', () => {
    const clock = new FixedClock('2026-11-23T09:00:00.000Z');
    const limiter = new SubmissionLimiter(limit, clock);
    for (const form of ['form-1', 'form-2', 'form-3']) limiter.tryAcquire('t:anna', form);
    expect(limiter.tryAcquire('t:anna', 'form-2')).toBe(true);
    expect(limiter.tryAcquire('t:anna', 'form-4')).toBe(false);
  });

  it('lets a late repeat through when the store already has its case, and refuses a new form over the limit', async () => {
    const clock = new FixedClock('2026-11-23T09:00:00.000Z');
    const limiter = new SubmissionLimiter({ max: 1, windowMs: 60_000 }, clock);
    expect(await limiter.run('t:anna', 'form-1', stored)).toEqual({ ok: true });
    expect(await limiter.run('t:anna', 'form-2', stored)).toBeUndefined();
    expect(await limiter.run('t:anna', 'form-0', stored, async () => true)).toEqual({ ok: true });
    expect(await limiter.run('t:anna', 'form-4', stored, async () => false)).toBeUndefined();
  });

  it('counts each person on their own', () => {
    const limiter = new SubmissionLimiter({ max: 1, windowMs: 60_000 }, new FixedClock('2026-11-23T09:00:00.000Z'));
    expect(limiter.tryAcquire('t:anna', 'a')).toBe(true);
    expect(limiter.tryAcquire('t:bo', 'b')).toBe(true);
    expect(limiter.tryAcquire('t:anna', 'c')).toBe(false);
  });

  it('gives the slot back when the submission stored nothing or failed, and keeps it when it stored a case', async () => {
    const limiter = new SubmissionLimiter({ max: 1, windowMs: 60_000 }, new FixedClock('2026-11-23T09:00:00.000Z'));
    expect(await limiter.run('t:anna', 'invalid', rejected)).toEqual({ ok: false });
    await expect(limiter.run('t:anna', 'crashed', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(await limiter.run('t:anna', 'good', stored)).toEqual({ ok: true });
    let ran = false;
    expect(await limiter.run('t:anna', 'next', async () => ((ran = true), { ok: true }))).toBeUndefined();
    expect(ran).toBe(false);
  });

  it('forgets people whose submissions left the window, so memory does not grow with the cases', () => {
    const clock = new FixedClock('2026-11-23T09:00:00.000Z');
    const limiter = new SubmissionLimiter(limit, clock);
    limiter.tryAcquire('t:anna', 'a');
    limiter.tryAcquire('t:bo', 'b');
    clock.advance({ minutes: 11 });
    limiter.tryAcquire('t:cecilia', 'c');
    expect(limiter.trackedPeople).toBe(1);
  });
});
