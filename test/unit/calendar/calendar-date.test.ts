import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCountedDays,
  calendarDaysBetween,
  countDaysBetween,
  isCalendarDate,
  isoWeekday,
  isoWeekMonday,
} from '../../../src/domain/calendar/calendar-date';

/** What the runtime's own calendar says: the date `n` days after 1970-01-01. */
const referenceDate = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe('calendar dates counted in whole days', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01', 'a month ends'],
    ['2026-12-31', 1, '2027-01-01', 'a year ends'],
    ['2027-01-01', -1, '2026-12-31', 'and back across it'],
    ['2024-02-28', 1, '2024-02-29', '2024 is a leap year'],
    ['2024-02-29', 1, '2024-03-01', 'its leap day is followed by March'],
    ['2028-03-01', -1, '2028-02-29', '2028 is a leap year'],
    ['2027-02-28', 1, '2027-03-01', '2027 is not'],
    ['1900-02-28', 1, '1900-03-01', '1900 is not: a century year'],
    ['2000-02-28', 1, '2000-02-29', '2000 is: divisible by 400'],
    ['2100-02-28', 1, '2100-03-01', '2100 is not'],
    ['2026-03-15', -45, '2026-01-29', 'a negative count goes back over several months'],
    ['2025-12-20', 400, '2027-01-24', 'more than a year at once'],
  ])('%s plus %i days is %s: %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it.each([
    ['2024-02-29', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['1899-12-31', false],
  ])('%s is a real date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-01', '2026-02-01', -28],
    ['2028-03-01', '2028-02-01', -29],
    ['1969-12-31', '1970-01-01', 1],
    ['1970-01-01', '1900-01-01', -25_567],
  ])('from %s to %s lie %i days', (a, b, expected) => {
    expect(calendarDaysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['1900-01-01', 1],
    ['1969-12-31', 3],
    ['1970-01-01', 4],
    ['2000-02-29', 2],
    ['2024-12-29', 7],
    ['2100-03-01', 1],
  ])('%s is ISO weekday %i', (date, expected) => {
    expect(isoWeekday(date)).toBe(expected);
  });

  it('agrees with the runtime calendar on every day from 1900 to 2400', () => {
    const first = calendarDaysBetween('1970-01-01', '1900-01-01');
    const last = calendarDaysBetween('1970-01-01', '2400-12-31');
    const mismatches: string[] = [];
    for (let n = first; n <= last; n += 1) {
      const date = referenceDate(n);
      const weekday = new Date(n * 86_400_000).getUTCDay() || 7;
      if (addCalendarDays('1970-01-01', n) !== date || calendarDaysBetween(date, '1970-01-01') !== -n || isoWeekday(date) !== weekday) {
        mismatches.push(date);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('counts chosen days across a year end in both directions', () => {
    const weekdays = (d: string) => isoWeekday(d) <= 5;
    expect(addCountedDays('2026-12-31', 1, weekdays)).toBe('2027-01-01');
    expect(addCountedDays('2027-01-04', -2, weekdays)).toBe('2026-12-31');
    expect(countDaysBetween('2026-12-25', '2027-01-08', weekdays)).toBe(10);
    expect(countDaysBetween('2027-01-08', '2026-12-25', weekdays)).toBe(-10);
  });

  it('finds ISO week Mondays, also when week 1 starts in December', () => {
    expect(isoWeekMonday(2026, 1)).toBe('2025-12-29');
    expect(isoWeekMonday(2027, 9)).toBe('2027-03-01');
    expect(isoWeekMonday(2026, 53)).toBe('2026-12-28');
    expect(() => isoWeekMonday(2027, 53)).toThrow(RangeError);
  });
});
