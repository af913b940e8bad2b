import { describe, expect, it } from 'vitest';
import { decideSlot, freeingTimes, teamsSendLimits } from '../../../../src/app/outbox/send-window';

const perSecond = (max: number) => [{ windowMs: 1_000, max }];

describe('freeingTimes', () => {
  it('says when each of the next sends fits: at once while the window has room, then as the oldest sends leave it', () => {
    expect(freeingTimes([100, 200], perSecond(3), 500)).toEqual([500, 1_100, 1_200]);
  });

  it('gives sends made together one time each, and a later send a later time', () => {
    expect(freeingTimes([0, 0, 0, 40], perSecond(4), 100)).toEqual([1_000, 1_000, 1_000, 1_040]);
  });

  it('holds every limit: the later of what each allows', () => {
    const limits = [
      { windowMs: 1_000, max: 2 },
      { windowMs: 2_000, max: 3 },
    ];
    // The 1 s window frees at 1,200 and 1,300; the 2 s window (three sends in it) only at 2,000 for the first.
    expect(freeingTimes([0, 200, 300], limits, 400)).toEqual([2_000, 2_200]);
  });
});

describe('decideSlot', () => {
  it("says when the tenant's budget frees its next sends when the budget holds the send back", () => {
    const tenantLog = Array.from({ length: 50 }, (_, i) => i * 10);
    const refusal = decideSlot([], tenantLog, teamsSendLimits, 600);
    expect(refusal).toMatchObject({ ok: false, retryAt: 1_000 });
    expect(refusal.ok ? [] : refusal.tenantFreesAt).toEqual(tenantLog.map((at) => at + 1_000));
  });

  it("says nothing of the tenant's budget when the conversation's own limit holds the send back longer", () => {
    const laneLog = Array.from({ length: 7 }, (_, i) => 500 + i);
    expect(decideSlot(laneLog, [0], teamsSendLimits, 600)).toEqual({ ok: false, retryAt: 1_500 });
  });
});
