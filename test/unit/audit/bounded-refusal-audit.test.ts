import { describe, expect, it } from 'vitest';
import { isRefusal, RefusalAuditWindows, withBoundedRefusals } from '../../../src/app/bounded-refusal-audit';
import type { AuditEntry } from '../../../src/app/ports/audit';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';

const windowMs = 10 * 60_000;
const start = '2026-11-23T09:00:00.000Z';

function setUp(maxOpenWindows = 100) {
  const store = new InMemoryCaseStore();
  const clock = new FixedClock(start);
  const windows = new RefusalAuditWindows(store, clock, { windowMs, maxOpenWindows });
  const refuse = (actorId: string, extra: Partial<AuditEntry> = {}) =>
    windows.append({ at: clock.now(), actorId, action: 'tenant.refused', detail: { tenantId: 'other-tenant', activityType: 'message' }, ...extra });
  return { store, clock, windows, refuse, rows: () => store.listAudit({}) };
}

describe('refusals in the append-only audit', () => {
  it('writes one row for 2,000 refusals of one actor, then one summary row with the count when the window closes', async () => {
    const { clock, windows, refuse, rows } = setUp();
    for (let i = 0; i < 2000; i++) {
      await refuse('intruder');
      clock.advance({ minutes: i % 200 === 199 ? 1 : 0 });
    }
    expect(await rows()).toHaveLength(1);
    clock.set('2026-11-23T09:10:00.000Z');
    await windows.flushExpired();
    const written = await rows();
    expect(written).toEqual([
      { at: start, actorId: 'intruder', action: 'tenant.refused', detail: { tenantId: 'other-tenant', activityType: 'message' } },
      {
        at: '2026-11-23T09:09:00.000Z',
        actorId: 'intruder',
        action: 'tenant.refused',
        detail: { tenantId: 'other-tenant', activityType: 'message', repeated: '1999', firstAt: start, lastAt: '2026-11-23T09:09:00.000Z' },
      },
    ]);
  });

  it('starts a new window with its own first row once the old one has closed, and sums up the old one first', async () => {
    const { clock, refuse, rows } = setUp();
    await refuse('intruder');
    await refuse('intruder');
    clock.advance({ minutes: 10 });
    await refuse('intruder');
    expect((await rows()).map((r) => [r.at, r.detail?.repeated])).toEqual([
      [start, undefined],
      [start, '1'],
      ['2026-11-23T09:10:00.000Z', undefined],
    ]);
  });

  it('gives another actor, another reason or another case its own row', async () => {
    const { store, clock, windows, rows } = setUp();
    const refused = (actorId: string, reason: string, caseId: string) =>
      windows.append({ at: clock.now(), actorId, action: 'case.action_refused', caseId, detail: { action: 'case.take', reason } });
    await refused('a', 'not_authorized', 'case-1');
    await refused('a', 'not_authorized', 'case-1');
    await refused('b', 'not_authorized', 'case-1');
    await refused('a', 'stale', 'case-1');
    await refused('a', 'not_authorized', 'case-2');
    expect((await rows()).map((r) => [r.actorId, r.detail?.reason, r.caseId])).toEqual([
      ['a', 'not_authorized', 'case-1'],
      ['b', 'not_authorized', 'case-1'],
      ['a', 'stale', 'case-1'],
      ['a', 'not_authorized', 'case-2'],
    ]);
    await windows.flushAll();
    expect(await store.listAudit({ caseId: 'case-1' })).toHaveLength(4);
  });

  it('loses no counted repeat at shutdown: flushAll sums up windows still open', async () => {
    const { windows, refuse, rows } = setUp();
    for (let i = 0; i < 5; i++) await refuse('intruder');
    await windows.flushAll();
    expect((await rows()).map((r) => r.detail?.repeated)).toEqual([undefined, '4']);
    await windows.flushAll();
    expect(await rows()).toHaveLength(2);
  });

  it('writes nothing more for a refusal that was not repeated', async () => {
    const { clock, windows, refuse, rows } = setUp();
    await refuse('once');
    clock.advance({ minutes: 11 });
    await windows.flushExpired();
    await windows.flushAll();
    expect(await rows()).toHaveLength(1);
  });

  it('bounds memory and rows when many actors refuse at once: beyond the cap they share one window per action', async () => {
    const { windows, refuse, rows } = setUp(3);
    for (let i = 0; i < 50; i++) await refuse(`actor-${i}`);
    expect((await rows()).map((r) => r.actorId)).toEqual(['actor-0', 'actor-1', 'actor-2', '*']);
    await windows.flushAll();
    expect((await rows()).filter((r) => r.actorId === '*').map((r) => r.detail?.repeated)).toEqual([undefined, '46']);
  });

  it('writes every entry that is not a refusal as it comes', async () => {
    const { store, clock, windows } = setUp();
    const bounded = withBoundedRefusals(store, windows);
    for (let i = 0; i < 3; i++) await bounded.appendAudit({ at: clock.now(), actorId: 'member', action: 'case.viewed', caseId: 'case-1' });
    for (let i = 0; i < 3; i++) await bounded.appendAudit({ at: clock.now(), actorId: 'member', action: 'case.view_refused', caseId: 'case-2' });
    expect((await store.listAudit({})).map((r) => r.action)).toEqual(['case.viewed', 'case.viewed', 'case.viewed', 'case.view_refused']);
    expect(await bounded.getCase('missing')).toBeUndefined();
  });

  it.each([
    ['tenant.refused', undefined, true],
    ['card.refused', undefined, true],
    ['case.view_refused', undefined, true],
    ['case.action_refused', undefined, true],
    ['case.trail_refused', undefined, true],
    ['reminder.snooze_refused', undefined, true],
    ['inbox.register_refused', undefined, true],
    ['directory.reload', 'refused', true],
    ['directory.reload', 'reloaded', false],
    ['case.viewed', undefined, false],
    ['report.refused_protected_identity', undefined, false],
    ['disclosure', undefined, false],
  ])('counts %s (outcome %s) as a refusal: %s', (action, outcome, expected) => {
    expect(isRefusal({ at: start, actorId: 'x', action, ...(outcome ? { detail: { outcome } } : {}) })).toBe(expected);
  });
});
