import { describe, expect, it } from 'vitest';
import type { LocalDateTime } from '../../../src/domain/calendar/local-date-time';
import {
  afterSchoolDays,
  afterWorkingDays,
  compareLocal,
  endOfSameWorkingDay,
  hoursLaterSameDay,
  workingDayStartNoLaterThan,
} from '../../../src/domain/reminders/reminder-due';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

// Fixture: holidays from date-holidays, office hours 08:00–17:00, höstlov week 44 and sportlov week 9 only.
const rules = stockholmCalendar();
const shortDayRules = stockholmCalendar({ dayBeforeHolidayEndsAt: '13:00' });
const at = (date: string, time: string): LocalDateTime => ({ date, time });

describe('school days: teacher- and team-facing waits pause for holidays and school breaks', () => {
  it.each([
    ['an ordinary week', at('2026-11-23', '10:00'), 2, at('2026-11-25', '10:00')],
    ['over sportlov (week 9, 23–27 Feb 2026)', at('2026-02-20', '10:00'), 2, at('2026-03-03', '10:00')],
    ['over höstlov (week 44) and All Saints (Sat 31 Oct 2026)', at('2026-10-23', '09:00'), 1, at('2026-11-02', '09:00')],
    ['over Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr)', at('2026-04-02', '10:00'), 2, at('2026-04-08', '10:00')],
    ['over Easter 2027 (Good Friday 26 Mar, Easter Monday 29 Mar)', at('2027-03-25', '10:00'), 1, at('2027-03-30', '10:00')],
    ['over Christmas (Eve, Day, Boxing Day)', at('2026-12-22', '14:00'), 2, at('2026-12-28', '14:00')],
    ['from an evening arrival, counted from the next morning', at('2026-11-27', '20:00'), 2, at('2026-12-02', '08:00')],
    ['across the spring DST change (Sun 29 Mar 2026) at the same wall-clock time', at('2026-03-27', '10:00'), 1, at('2026-03-30', '10:00')],
  ])('%s', (_label, from, n, due) => {
    expect(afterSchoolDays(from, n, rules)).toEqual(due);
  });
});

describe('working days: social-services waits never pause for school breaks', () => {
  it.each([
    ['through sportlov', at('2026-02-20', '10:00'), 2, at('2026-02-24', '10:00')],
    ['through höstlov', at('2026-10-23', '09:00'), 1, at('2026-10-26', '09:00')],
    ['over Christmas', at('2026-12-23', '15:00'), 2, at('2026-12-29', '15:00')],
    ["over New Year's Eve, New Year's Day and Epiphany 2027", at('2026-12-30', '10:00'), 3, at('2027-01-07', '10:00')],
    ['over Midsummer Eve 2026 (Fri 19 Jun)', at('2026-06-18', '09:00'), 1, at('2026-06-22', '09:00')],
    ['over Ascension Day 2027 (Thu 6 May)', at('2027-05-05', '11:00'), 1, at('2027-05-07', '11:00')],
    ['from a Saturday arrival', at('2026-11-28', '12:00'), 2, at('2026-12-02', '08:00')],
  ])('%s', (_label, from, n, due) => {
    expect(afterWorkingDays(from, n, rules)).toEqual(due);
  });

  it('lands on the next working morning when the time of day is past a short day’s end', () => {
    // Wed 13 May 2026 is the day before Ascension: it ends at 13:00 with this option.
    expect(afterWorkingDays(at('2026-05-12', '14:00'), 1, shortDayRules)).toEqual(at('2026-05-15', '08:00'));
  });
});

describe('urgent handovers: within the same working day', () => {
  it.each([
    ['two hours after a morning arrival', at('2026-11-23', '10:00'), 2, rules, at('2026-11-23', '12:00')],
    ['no later than the last minute of the day', at('2026-11-23', '15:30'), 2, rules, at('2026-11-23', '16:59')],
    ['from a night arrival, counted from the next morning', at('2026-11-23', '22:00'), 2, rules, at('2026-11-24', '10:00')],
    ['from a weekend arrival, on Monday', at('2026-11-28', '03:00'), 2, rules, at('2026-11-30', '10:00')],
    ['no later than a short day’s end', at('2026-05-13', '12:00'), 2, shortDayRules, at('2026-05-13', '12:59')],
  ])('reminds %s', (_label, from, hours, calendar, due) => {
    expect(hoursLaterSameDay(from, hours, calendar)).toEqual(due);
  });

  it.each([
    ['a working day', at('2026-11-23', '10:00'), at('2026-11-23', '16:59')],
    ['a Saturday (on Monday)', at('2026-11-28', '10:00'), at('2026-11-30', '16:59')],
    ['the evening of Maundy Thursday 2026 (on the Tuesday after Easter)', at('2026-04-02', '18:00'), at('2026-04-07', '16:59')],
  ])('escalates at the end of %s', (_label, from, due) => {
    expect(endOfSameWorkingDay(from, rules)).toEqual(due);
  });
});

describe('deadline warnings move earlier, never later', () => {
  it.each([
    ['a working day', '2026-11-24', at('2026-11-24', '08:00')],
    ['a Saturday: the Friday before', '2026-11-28', at('2026-11-27', '08:00')],
    ['Easter Monday 2026: the Thursday before Good Friday', '2026-04-06', at('2026-04-02', '08:00')],
    ['Sunday 27 Dec 2026: the Wednesday before Christmas Eve', '2026-12-27', at('2026-12-23', '08:00')],
  ])('%s', (_label, date, due) => {
    expect(workingDayStartNoLaterThan(date, rules)).toEqual(due);
  });
});

describe('due times in order', () => {
  const times = [
    at('2026-11-24', '08:00'),
    at('2026-11-24', '16:59'),
    at('2026-11-25', '07:00'),
    at('2026-11-30', '10:00'),
    at('2026-12-01', '09:00'),
    at('2026-12-31', '23:59'),
    at('2027-01-01', '00:00'),
    at('2028-02-29', '12:00'),
  ];

  it('orders wall-clock times as their keys sort: by date across month and year ends, then by time', () => {
    const sign = (n: number) => Math.sign(n);
    const localKey = (t: LocalDateTime): string => `${t.date}T${t.time}`;
    for (const a of times) {
      for (const b of times) {
        const byKey = localKey(a) < localKey(b) ? -1 : localKey(a) > localKey(b) ? 1 : 0;
        expect(sign(compareLocal(a, b)), `${localKey(a)} vs ${localKey(b)}`).toBe(byKey);
      }
    }
    expect([...times].reverse().sort(compareLocal)).toEqual(times);
  });
});
