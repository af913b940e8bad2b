import { addCountedDays, type CalendarDate } from './calendar-date';
import { type CalendarRules, type SchoolBreak } from './calendar-rules';
import { isWorkingDay } from './working-days';

/** The configured school break that `date` falls in, if any. */
export function schoolBreakOn(date: CalendarDate, rules: CalendarRules): SchoolBreak | undefined {
  return rules.schoolBreaks.find((b) => b.from <= date && date <= b.to);
}

/**
 * True on a working day outside every configured school break (lov). School years without configured
 * breaks count every working day. Throws outside the rules' years.
 */
export function isSchoolDay(date: CalendarDate, rules: CalendarRules): boolean {
  return isWorkingDay(date, rules) && schoolBreakOn(date, rules) === undefined;
}

/**
 * The `n`-th school day after `date` (before it when `n` is negative), not counting `date` itself.
 * `n = 0` gives `date` when it is a school day, else the next school day.
 */
export function addSchoolDays(date: CalendarDate, n: number, rules: CalendarRules): CalendarDate {
  let known = schoolDaysAdded.get(rules);
  if (known === undefined) {
    known = new Map();
    schoolDaysAdded.set(rules, known);
  }
  const key = `${date}|${n}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const result = addCountedDays(date, n, (d) => isSchoolDay(d, rules));
  known.set(key, result);
  return result;
}

/**
 * Answers of `addSchoolDays` per set of rules (rules are built once per directory and never change): planning
 * a case's reminders counts the same few school days again for every case and on every change, day by day.
 */
const schoolDaysAdded = new WeakMap<CalendarRules, Map<string, CalendarDate>>();
