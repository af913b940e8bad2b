import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import { isSchoolDay } from '../../../src/domain/calendar/school-days';
import { isWorkingDay } from '../../../src/domain/calendar/working-days';
import { loadSampleDirectory } from '../../support/test-directory';

describe("the sample directory's calendar", () => {
  const rules = calendarOf(loadSampleDirectory());

  it.each([
    ['2026-10-27', 'a Tuesday in höstlov', true, false],
    ['2027-03-02', 'a Tuesday in sportlov (week 9)', true, false],
    ['2026-11-24', 'an ordinary Tuesday', true, true],
    ['2026-12-24', 'Christmas Eve', false, false],
    ['2026-06-19', 'Midsummer Eve', false, false],
  ])('%s, %s: working day %s, school day %s', (date, _what, working, school) => {
    expect(isWorkingDay(date, rules)).toBe(working);
    expect(isSchoolDay(date, rules)).toBe(school);
  });

  it('is built once per loaded directory, and anew for a reloaded one', () => {
    const dir = loadSampleDirectory();
    expect(calendarOf(dir)).toBe(calendarOf(dir));
    expect(calendarOf(loadSampleDirectory())).not.toBe(calendarOf(dir));
  });
});
