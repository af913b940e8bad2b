import { describe, expect, it } from 'vitest';
import { fromStockholmLocal, SystemClock, toStockholmLocal } from '../../../src/adapters/clock/system-clock';
import type { LocalDateTime } from '../../../src/domain/calendar/local-date-time';
import { FixedClock } from '../../support/fixed-clock';

const at = (date: string, time: string) => ({ date, time });

describe('Stockholm time across daylight saving changes', () => {
  it.each([
    ['2026-01-15T12:00:00.000Z', at('2026-01-15', '13:00'), 'winter, UTC+1'],
    ['2026-07-01T12:00:00.000Z', at('2026-07-01', '14:00'), 'summer, UTC+2'],
    ['2026-03-29T00:59:00.000Z', at('2026-03-29', '01:59'), 'the last minute before clocks go forward'],
    ['2026-03-29T01:00:00.000Z', at('2026-03-29', '03:00'), 'clocks jump from 02:00 to 03:00'],
    ['2026-10-25T00:30:00.000Z', at('2026-10-25', '02:30'), 'the first 02:30 in October (summer time)'],
    ['2026-10-25T01:30:00.000Z', at('2026-10-25', '02:30'), 'the second 02:30 in October (winter time)'],
    ['2026-10-25T01:00:00.000Z', at('2026-10-25', '02:00'), 'clocks fall back from 03:00 to 02:00'],
    ['2026-12-31T23:30:00.000Z', at('2027-01-01', '00:30'), 'already New Year in Stockholm'],
    ['2026-06-30T22:30:00.000Z', at('2026-07-01', '00:30'), 'already the next day in summer'],
    ['2026-03-29T01:00:59.999+00:00', at('2026-03-29', '03:00'), 'seconds are dropped, not rounded'],
  ])('%s is %j in Stockholm (%s)', (iso, expected) => {
    expect(toStockholmLocal(iso)).toEqual(expected);
  });

  it.each([
    [at('2026-01-15', '13:00'), '2026-01-15T12:00:00.000Z', 'winter'],
    [at('2026-07-01', '14:00'), '2026-07-01T12:00:00.000Z', 'summer'],
    [at('2026-03-29', '01:59'), '2026-03-29T00:59:00.000Z', 'just before the spring change'],
    [at('2026-03-29', '03:00'), '2026-03-29T01:00:00.000Z', 'just after the spring change'],
    [at('2026-03-29', '02:30'), '2026-03-29T01:30:00.000Z', 'a time that does not exist moves forward by the hour skipped (03:30)'],
    [at('2026-10-25', '02:30'), '2026-10-25T00:30:00.000Z', 'a time shown twice is the first, summer-time one'],
    [at('2026-10-25', '03:00'), '2026-10-25T02:00:00.000Z', 'just after the autumn change'],
    [at('2027-01-01', '00:30'), '2026-12-31T23:30:00.000Z', 'across the year end'],
  ])('%j in Stockholm is %s (%s)', (local, expected) => {
    expect(fromStockholmLocal(local)).toBe(expected);
  });

  it.each([['2026-03-28T12:00:00.000Z'], ['2026-10-24T12:00:00.000Z']])(
    'every quarter hour of the day from %s converts back to itself, except the repeated autumn hour',
    (startIso) => {
      const start = Date.parse(startIso);
      for (let q = 0; q < 24 * 4; q += 1) {
        const iso = new Date(start + q * 15 * 60_000).toISOString();
        const back = fromStockholmLocal(toStockholmLocal(iso));
        const repeated = iso >= '2026-10-25T01:00:00.000Z' && iso < '2026-10-25T02:00:00.000Z';
        expect(back).toBe(repeated ? new Date(Date.parse(iso) - 3_600_000).toISOString() : iso);
      }
    },
  );

  it.each([['2026-03-29T02:30:00'], ['yesterday'], ['2026-02-30T10:00:00Z'], ['2026-02-30T10:00:00.000Z'], ['1899-12-31T12:00:00.000Z']])('refuses %j, which has no definite instant', (iso) => {
    expect(() => toStockholmLocal(iso)).toThrow(RangeError);
  });

  it.each([[at('2026-02-30', '10:00')], [at('2026-03-01', '24:00')], [at('2026-03-01', '9:00')], [at('1899-12-31', '12:00')]])('refuses %j', (local) => {
    expect(() => fromStockholmLocal(local)).toThrow(RangeError);
  });
});

const zone = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** Stockholm date and time of `ms` straight from the time-zone data, the answer the clock must agree with. */
const expected = (ms: number) => {
  const part = (type: string) => zone.formatToParts(new Date(ms)).find((p) => p.type === type)?.value;
  return at(`${part('year')}-${part('month')}-${part('day')}`, `${part('hour')}:${part('minute')}`);
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('Stockholm time checked against the time-zone data', () => {
  const sameLocal = (x: LocalDateTime, y: LocalDateTime) => x.date === y.date && x.time === y.time;

  it.each([['2026-03-29'], ['2026-10-25'], ['2027-03-28'], ['2027-10-31'], ['2026-06-19']])(
    'every quarter hour shown on %s is the first instant showing it, or for a skipped time the instant an hour later',
    (date) => {
      for (let q = 0; q < 24 * 4; q += 1) {
        const local = at(date, `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
        const asIfUtc = Date.parse(`${date}T${local.time}:00.000Z`);
        // Stockholm is at UTC+2 (summer) or UTC+1 (winter); the instant an hour later is 03:30 CEST for a skipped 02:30.
        const showing = [asIfUtc - 2 * 3_600_000, asIfUtc - 3_600_000].filter((ms) => sameLocal(expected(ms), local));
        expect(fromStockholmLocal(local), JSON.stringify(local)).toBe(iso(showing[0] ?? asIfUtc - 3_600_000));
      }
    },
  );

  it('agrees in both directions every 9 h 59 min through 2026 and 2027, at every time of day in turn', () => {
    const step = (9 * 60 + 59) * 60_000;
    for (let ms = Date.parse('2026-01-01T00:17:23.456Z'); ms < Date.parse('2028-01-01T00:00:00.000Z'); ms += step) {
      const local = expected(ms);
      expect(toStockholmLocal(iso(ms))).toEqual(local);
      const minute = Math.floor(ms / 60_000) * 60_000;
      const shownAnHourEarlier = sameLocal(expected(minute - 3_600_000), local);
      expect(fromStockholmLocal(local)).toBe(iso(shownAnHourEarlier ? minute - 3_600_000 : minute));
    }
  });
});

describe('clocks', () => {
  it('agrees minute by minute with the time-zone data across both 2026 changes, however often an hour is read', () => {
    for (const change of ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']) {
      const from = Date.parse(change) - 3 * 3_600_000;
      // Twice over the same hours: the second pass reads what the first one learnt about each hour.
      for (let pass = 0; pass < 2; pass += 1) {
        for (let ms = from; ms < from + 6 * 3_600_000; ms += 59_999) expect(toStockholmLocal(new Date(ms).toISOString())).toEqual(expected(ms));
      }
    }
  });

  it("gives today's date in Stockholm, not in UTC", () => {
    const clock = new SystemClock(() => Date.parse('2026-12-31T23:30:00.000Z'));
    expect(clock.now()).toBe('2026-12-31T23:30:00.000Z');
    expect(clock.today()).toBe('2027-01-01');
  });

  it('reads the real time by default', () => {
    const before = Date.now();
    const now = Date.parse(new SystemClock().now());
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('a fixed clock stands still until advanced, and its date follows Stockholm midnight', () => {
    const clock = FixedClock.atStockholm('2026-06-19', '23:30');
    expect(clock.now()).toBe('2026-06-19T21:30:00.000Z');
    expect(clock.today()).toBe('2026-06-19');
    clock.advance({ minutes: 30 });
    expect(clock.today()).toBe('2026-06-20');
    clock.set('2026-11-23T09:00:00.000Z');
    expect(clock.now()).toBe('2026-11-23T09:00:00.000Z');
  });
});
