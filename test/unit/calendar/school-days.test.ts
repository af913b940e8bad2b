import { describe, expect, it } from 'vitest';
import { breakInIsoWeek, stockholmUsualBreaks } from '../../../src/adapters/calendar/stockholm-usual-breaks';
import { addSchoolDays, isSchoolDay, schoolBreakOn } from '../../../src/domain/calendar/school-days';
import { stockholmCalendar } from './stockholm-calendar';

const rules = stockholmCalendar();

describe('school days skip weekends, holidays and the configured breaks (domain C5)', () => {
  it.each([
    ['2026-02-23', 'sportlov, Monday of week 9'],
    ['2026-02-27', 'sportlov, Friday of week 9'],
    ['2026-10-26', 'höstlov, Monday of week 44'],
    ['2026-10-30', 'höstlov, Friday of week 44'],
    ['2027-03-01', 'sportlov 2027, week 9'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-06-19', 'Midsummer Eve'],
  ])('%s is not a school day (%s)', (date) => {
    expect(isSchoolDay(date, rules)).toBe(false);
  });

  it.each([
    ['2026-02-20', 'the Friday before sportlov'],
    ['2026-03-02', 'the Monday after sportlov'],
    ['2026-11-02', 'the Monday after höstlov'],
    ['2026-05-25', 'Whit Monday'],
  ])('%s is a school day (%s)', (date) => {
    expect(isSchoolDay(date, rules)).toBe(true);
  });

  it.each([
    ['2026-02-20', 1, '2026-03-02', 'over sportlov'],
    ['2026-02-18', 5, '2026-03-04', 'over sportlov, counting the days before it'],
    ['2026-02-24', 0, '2026-03-02', 'zero days from inside sportlov rolls to its end'],
    ['2026-10-23', 1, '2026-11-02', 'over höstlov and All Saints'],
    ['2026-10-22', 3, '2026-11-03', 'over höstlov, counting the days before it'],
    ['2026-04-02', 1, '2026-04-07', 'over Easter'],
    ['2026-03-02', -1, '2026-02-20', 'backwards over sportlov'],
  ])('%s plus %i school days is %s (%s)', (date, n, expected) => {
    expect(addSchoolDays(date, n, rules)).toBe(expected);
  });

  it('names the break a date falls in, so a reminder can say why it waits', () => {
    expect(schoolBreakOn('2026-10-28', rules)).toEqual({ schoolYear: '2026/27', name: 'hoestlov', from: '2026-10-26', to: '2026-10-30' });
    expect(schoolBreakOn('2026-10-31', rules)).toBeUndefined();
  });

  it.each([
    [2026, 9, '2026-02-23', '2026-02-27'],
    [2026, 44, '2026-10-26', '2026-10-30'],
    [2027, 9, '2027-03-01', '2027-03-05'],
    [2026, 53, '2026-12-28', '2027-01-01'],
  ])('%i week %i runs Monday %s to Friday %s', (year, week, from, to) => {
    expect(breakInIsoWeek('lov', year, week)).toEqual({ name: 'lov', from, to });
  });

  it('knows that 2027 has no week 53', () => {
    expect(() => breakInIsoWeek('lov', 2027, 53)).toThrow(RangeError);
  });

  it('puts höstlov in the autumn and sportlov in the spring of a school year', () => {
    expect(stockholmUsualBreaks('2026/27').breaks).toEqual([
      { name: 'hoestlov', from: '2026-10-26', to: '2026-10-30' },
      { name: 'sportlov', from: '2027-03-01', to: '2027-03-05' },
    ]);
    expect(() => stockholmUsualBreaks('2026/28')).toThrow(RangeError);
  });
});
