import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { swedishDaysOff } from '../../../src/adapters/calendar/build-calendar-rules';

/**
 * The bot computes Sweden's days off itself (start-up would otherwise load date-holidays' calendars of every
 * country). date-holidays stays the reference: for every year from 2005 to 2100, its public holidays for SE
 * and its Midsummer, Christmas and New Year eves are exactly ours. Before 2005 date-holidays leaves out Whit
 * Monday, which the law made a holiday until 2004 (domain C1); we follow the law.
 */
describe('Swedish days off (domain C1, C2) agree with date-holidays', () => {
  const reference = new Holidays('SE');
  const years = Array.from({ length: 2100 - 2005 + 1 }, (_, i) => 2005 + i);

  it('public holidays, every year from 2005 to 2100', () => {
    const differing = years.filter((year) => {
      const listed = reference.getHolidays(year, 'en');
      const expected = listed.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)).sort();
      return JSON.stringify([...swedishDaysOff(year).publicHolidays].sort()) !== JSON.stringify(expected);
    });
    expect(differing).toEqual([]);
  });

  it('Midsummer Eve, Christmas Eve and New Year\'s Eve, every year from 2005 to 2100', () => {
    const differing = years.filter((year) => {
      const listed = reference.getHolidays(year, 'en');
      const expected = ['Midsummer Eve', 'Christmas Eve', "New Year's Eve"].map((name) => listed.find((h) => h.name === name)?.date.slice(0, 10));
      return JSON.stringify(swedishDaysOff(year).deFactoDaysOff) !== JSON.stringify(expected);
    });
    expect(differing).toEqual([]);
  });

  it('until 2004 Whit Monday was the holiday that National Day replaced from 2005', () => {
    expect(swedishDaysOff(2004).publicHolidays).toContain('2004-05-31');
    expect(swedishDaysOff(2004).publicHolidays).not.toContain('2004-06-06');
    expect(swedishDaysOff(2005).publicHolidays).toContain('2005-06-06');
    expect(swedishDaysOff(2005).publicHolidays).not.toContain('2005-05-16');
  });
});
