import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../../src/domain/calendar/calendar-date';
import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../../../src/domain/calendar/working-days';
import { stockholmCalendar } from './stockholm-calendar';

const rules = stockholmCalendar();

describe('working days on the Swedish calendar (domain C1–C3)', () => {
  it.each([
    ['2026-01-01', "New Year's Day (Thu)"],
    ['2026-01-06', 'Epiphany (Tue)'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-01', 'May Day (Fri)'],
    ['2026-05-14', 'Ascension Day (Thu)'],
    ['2026-06-06', 'National Day (Sat)'],
    ['2026-06-19', 'Midsummer Eve (Fri)'],
    ['2026-12-24', 'Christmas Eve (Thu)'],
    ['2026-12-25', 'Christmas Day (Fri)'],
    ['2026-12-26', 'Boxing Day (Sat)'],
    ['2026-12-31', "New Year's Eve (Thu)"],
    ['2027-03-26', 'Good Friday 2027'],
    ['2027-03-29', 'Easter Monday 2027'],
    ['2027-05-06', 'Ascension Day 2027'],
    ['2027-06-25', 'Midsummer Eve 2027'],
    ['2026-02-28', 'an ordinary Saturday'],
    ['2026-03-01', 'an ordinary Sunday'],
  ])('nobody is expected to work on %s, %s', (date) => {
    expect(isWorkingDay(date, rules)).toBe(false);
  });

  it.each([
    ['2026-05-25', 'Whit Monday (not a holiday since 2005)'],
    ['2026-01-02', 'the Friday after New Year'],
    ['2026-01-05', 'the day before Epiphany'],
    ['2026-04-02', 'Maundy Thursday'],
    ['2026-04-07', 'the Tuesday after Easter'],
    ['2026-06-18', 'the day before Midsummer Eve'],
    ['2026-12-23', 'the day before Christmas Eve'],
    ['2026-12-28', 'the Monday between Christmas and New Year'],
    ['2026-02-23', 'a Monday in sportlov (social services work through school breaks)'],
  ])('%s is a working day: %s', (date) => {
    expect(isWorkingDay(date, rules)).toBe(true);
  });

  it.each([
    ['2026-04-02', 1, '2026-04-07', 'over Easter 2026'],
    ['2026-04-01', 3, '2026-04-08', 'over Easter 2026, counting Thursday'],
    ['2027-03-25', 1, '2027-03-30', 'over Easter 2027'],
    ['2026-05-13', 1, '2026-05-15', 'over Ascension Day'],
    ['2026-06-18', 1, '2026-06-22', 'over Midsummer'],
    ['2026-12-23', 3, '2026-12-30', 'over Christmas'],
    ['2026-12-30', 1, '2027-01-04', 'over New Year'],
    ['2026-11-23', 5, '2026-11-30', 'in an ordinary week (the head teacher reminder)'],
    ['2026-04-07', -1, '2026-04-02', 'backwards over Easter'],
    ['2026-04-04', 0, '2026-04-07', 'zero days from Easter Eve rolls forward to the next working day'],
    ['2026-04-07', 0, '2026-04-07', 'zero days from a working day stays put'],
  ])('%s plus %i working days is %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n, rules)).toBe(expected);
  });

  it.each([
    ['2026-06-18', '2026-06-22'],
    ['2026-06-19', '2026-06-22'],
    ['2026-12-23', '2026-12-28'],
    ['2026-12-30', '2027-01-04'],
    ['2026-11-23', '2026-11-24'],
  ])('the next working day after %s is %s', (date, expected) => {
    expect(nextWorkingDay(date, rules)).toBe(expected);
  });

  it.each([
    ['2026-04-01', '2026-04-08', 3],
    ['2026-12-23', '2026-12-30', 3],
    ['2026-12-30', '2026-12-23', -3],
    ['2026-11-23', '2026-11-23', 0],
    ['2026-06-19', '2026-06-22', 1],
  ])('between %s and %s lie %i working days', (a, b, expected) => {
    expect(workingDaysBetween(a, b, rules)).toBe(expected);
  });

  it('counts back exactly what it added, for every start date in 2026', () => {
    for (let d = '2026-01-01'; d < '2027-01-01'; d = addCalendarDays(d, 1)) {
      expect(workingDaysBetween(d, addWorkingDays(d, 7, rules), rules)).toBe(7);
    }
  });

  it.each([
    ['2026-03-27', 14, '2026-04-10', 'the 14-day ceiling ignores Easter'],
    ['2026-12-20', 14, '2027-01-03', 'and crosses the year end'],
    ['2028-02-28', 2, '2028-03-01', 'and knows leap years'],
  ])('%s plus %i calendar days is %s: %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('weekdays follow the real calendar', () => {
    expect(isoWeekday('2026-06-19')).toBe(5);
    expect(isoWeekday('2026-06-06')).toBe(6);
  });

  it('refuses to guess about a year the rules were not built for', () => {
    expect(() => isWorkingDay('2031-01-02', rules)).toThrow(/cover 2025–2028/);
    expect(() => addWorkingDays('2028-12-29', 3, rules)).toThrow(RangeError);
  });

  it('refuses malformed dates instead of counting from a wrong one', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-04-02', 1.5, rules)).toThrow(RangeError);
  });
});
