import { addCountedDays, countDaysBetween, isWeekend, type CalendarDate } from './calendar-date';
import { assertCovered, type CalendarRules } from './calendar-rules';

export { addCalendarDays } from './calendar-date';

/**
 * True on a weekday that is neither a public holiday nor a de-facto day off (midsummer, Christmas and New
 * Year's eves). School breaks do not matter here: social services work through them. Throws outside the rules' years.
 */
export function isWorkingDay(date: CalendarDate, rules: CalendarRules): boolean {
  assertCovered(date, rules);
  return !isWeekend(date) && !rules.nonWorkingDates.has(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CalendarDate, rules: CalendarRules): CalendarDate {
  return addCountedDays(date, 1, (d) => isWorkingDay(d, rules));
}

/**
 * The `n`-th working day after `date` (before it when `n` is negative), not counting `date` itself.
 * `n = 0` gives `date` when it is a working day, else the next working day.
 */
export function addWorkingDays(date: CalendarDate, n: number, rules: CalendarRules): CalendarDate {
  return addCountedDays(date, n, (d) => isWorkingDay(d, rules));
}

/**
 * The number of working days after `a` up to and including `b` (negative when `b` is before `a`), so that
 * `workingDaysBetween(a, addWorkingDays(a, n))` is `n` for every `n >= 1`.
 */
export function workingDaysBetween(a: CalendarDate, b: CalendarDate, rules: CalendarRules): number {
  return countDaysBetween(a, b, (d) => isWorkingDay(d, rules));
}
