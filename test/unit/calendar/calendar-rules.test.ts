import { describe, expect, it } from 'vitest';
import { buildCalendarRules, swedishDaysOff } from '../../../src/adapters/calendar/build-calendar-rules';
import { createCalendarRules, type CalendarRulesInput } from '../../../src/domain/calendar/calendar-rules';

const valid: CalendarRulesInput = {
  coveredYears: { first: 2026, last: 2027 },
  nonWorkingDates: ['2026-12-24'],
  schoolYears: [{ schoolYear: '2026/27', breaks: [{ name: 'hoestlov', from: '2026-10-26', to: '2026-10-30' }] }],
  workingHours: { start: '08:00', end: '17:00' },
  shortDays: [{ date: '2026-04-30', end: '13:00' }],
};

describe('calendar rules refuse configuration that would give wrong deadlines', () => {
  it('accepts a consistent calendar', () => {
    const result = createCalendarRules(valid);
    expect(result.ok && result.value.schoolBreaks).toEqual([{ schoolYear: '2026/27', name: 'hoestlov', from: '2026-10-26', to: '2026-10-30' }]);
  });

  it.each<[string, Partial<CalendarRulesInput>, { code: string; path: string }]>([
    ['years out of order', { coveredYears: { first: 2027, last: 2026 } }, { code: 'invalid_years', path: 'coveredYears' }],
    ['an impossible holiday', { nonWorkingDates: ['2026-02-30'] }, { code: 'invalid_date', path: 'nonWorkingDates[0]' }],
    ['a holiday outside the years', { nonWorkingDates: ['2030-01-01'] }, { code: 'date_outside_covered_years', path: 'nonWorkingDates[0]' }],
    ['office hours ending before they start', { workingHours: { start: '17:00', end: '08:00' } }, { code: 'working_hours_order', path: 'workingHours' }],
    ['a time without minutes', { workingHours: { start: '8', end: '17:00' } }, { code: 'invalid_time', path: 'workingHours.start' }],
    ['a short day ending after the usual end', { shortDays: [{ date: '2026-04-30', end: '18:00' }] }, { code: 'short_day_order', path: 'shortDays[0].end' }],
    [
      'a break ending before it starts',
      { schoolYears: [{ schoolYear: '2026/27', breaks: [{ name: 'sportlov', from: '2027-03-05', to: '2027-03-01' }] }] },
      { code: 'break_order', path: 'schoolYears[0].breaks[0]' },
    ],
    [
      'a break in the wrong school year',
      { schoolYears: [{ schoolYear: '2026/27', breaks: [{ name: 'sportlov', from: '2026-02-23', to: '2026-02-27' }] }] },
      { code: 'break_outside_school_year', path: 'schoolYears[0].breaks[0]' },
    ],
    ['a misspelt school year', { schoolYears: [{ schoolYear: '2026-27', breaks: [] }] }, { code: 'invalid_school_year', path: 'schoolYears[0].schoolYear' }],
  ])('refuses %s', (_label, change, expected) => {
    const result = createCalendarRules({ ...valid, ...change });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error).toContainEqual(expect.objectContaining(expected));
  });

  it('stops start-up with a message that says where the problem is and what was expected', () => {
    expect(() =>
      buildCalendarRules({
        years: { first: 2026, last: 2027 },
        schoolYears: [{ schoolYear: '2026/27', breaks: [{ name: 'sportlov', from: '2027-03-05', to: '2027-03-01' }] }],
        workingHours: { start: '08:00', end: '17:00' },
      }),
    ).toThrow('schoolYears[0].breaks[0]: expected from on or before to, found "2027-03-05–2027-03-01"');
  });
});

describe('holidays from date-holidays match the published calendar (domain C3)', () => {
  it.each([
    [2026, ['2026-01-01', '2026-01-06', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-24', '2026-06-06', '2026-06-20', '2026-10-31', '2026-12-25', '2026-12-26']],
    [2027, ['2027-01-01', '2027-01-06', '2027-03-26', '2027-03-28', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-16', '2027-06-06', '2027-06-26', '2027-11-06', '2027-12-25', '2027-12-26']],
  ])('the public holidays of %i are exactly the statutory ones', (year, expected) => {
    expect(swedishDaysOff(year).publicHolidays.sort()).toEqual(expected);
  });

  it.each([
    [2026, ['2026-06-19', '2026-12-24', '2026-12-31']],
    [2027, ['2027-06-25', '2027-12-24', '2027-12-31']],
  ])('midsummer, Christmas and New Year eves of %i are days off', (year, expected) => {
    expect(swedishDaysOff(year).deFactoDaysOff).toEqual(expected);
  });
});
