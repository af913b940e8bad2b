import { err, ok, type Result } from '../errors';
import { isCalendarDate, type CalendarDate } from './calendar-date';
import { isClockTime, type ClockTime } from './local-date-time';

/**
 * A school break (lov), inclusive at both ends. The city's usual names are `sportlov`, `paasklov`,
 * `hoestlov`, `jullov` and `sommarlov`; a school may add others (for example a staff study day).
 */
export interface SchoolBreak {
  /** `2026/27`: the school year the break belongs to (it starts in August). */
  readonly schoolYear: string;
  readonly name: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** Office hours on a full working day, Europe/Stockholm wall-clock time; `start` is before `end`. */
export interface WorkingHours {
  readonly start: ClockTime;
  readonly end: ClockTime;
}

/**
 * Everything the calendar functions know about holidays, school breaks and office hours, built once at
 * start-up (from a holiday library plus configuration) and passed in as a value. Rules answer only for
 * dates inside `coveredYears`; asking about another year throws, because the answer would be a guess.
 */
export interface CalendarRules {
  readonly coveredYears: { readonly first: number; readonly last: number };
  /** Weekdays nobody works: public holidays (Act 1989:253) plus midsummer, Christmas and New Year's eves. */
  readonly nonWorkingDates: ReadonlySet<CalendarDate>;
  readonly schoolBreaks: readonly SchoolBreak[];
  readonly workingHours: WorkingHours;
  /** Working days that end early (a day before a holiday), mapped to their end time. */
  readonly shortDays: ReadonlyMap<CalendarDate, ClockTime>;
}

/** The breaks of one school year as configured: `{ schoolYear: '2026/27', breaks: [{ name, from, to }] }`. */
export interface SchoolYearBreaks {
  readonly schoolYear: string;
  readonly breaks: readonly { readonly name: string; readonly from: CalendarDate; readonly to: CalendarDate }[];
}

/**
 * The calendar as the city configures it (routing directory `calendar`): the years deadlines may fall in,
 * office hours, the school breaks of each school year, and optionally the early end of the working day
 * before a public holiday. Holidays themselves come from a holiday library, not from here.
 */
export interface CalendarSettings {
  readonly years: { readonly first: number; readonly last: number };
  readonly workingHours: WorkingHours;
  readonly schoolYears: readonly SchoolYearBreaks[];
  readonly dayBeforeHolidayEndsAt?: ClockTime;
}

export interface CalendarRulesInput {
  readonly coveredYears: { readonly first: number; readonly last: number };
  readonly nonWorkingDates: readonly CalendarDate[];
  readonly schoolYears: readonly SchoolYearBreaks[];
  readonly workingHours: WorkingHours;
  readonly shortDays?: readonly { readonly date: CalendarDate; readonly end: ClockTime }[];
}

/** One thing wrong with a calendar input: a stable code, where it is, and the value found there. */
export interface CalendarRulesProblem {
  code:
    | 'invalid_years'
    | 'invalid_date'
    | 'invalid_time'
    | 'invalid_school_year'
    | 'date_outside_covered_years'
    | 'break_order'
    | 'break_outside_school_year'
    | 'working_hours_order'
    | 'short_day_order';
  path: string;
  found: string;
}

const schoolYearShape = /^(\d{4})\/(\d{2})$/;

/** The calendar year a school year such as `2026/27` starts in, or undefined when it is not of that shape. */
export function schoolYearStart(schoolYear: string): number | undefined {
  const m = schoolYearShape.exec(schoolYear);
  if (!m) return undefined;
  const start = Number(m[1]);
  return (start + 1) % 100 === Number(m[2]) ? start : undefined;
}

/**
 * Checks a calendar input and freezes it into rules. Every problem is reported at once. A school year's
 * breaks must lie between 1 July of its first year and 31 August of its second (sommarlov ends in August).
 */
export function createCalendarRules(input: CalendarRulesInput): Result<CalendarRules, CalendarRulesProblem[]> {
  const problems: CalendarRulesProblem[] = [];
  const { first, last } = input.coveredYears;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1900 || last < first) {
    problems.push({ code: 'invalid_years', path: 'coveredYears', found: `${first}–${last}` });
  }
  const checkDate = (date: CalendarDate, path: string): boolean => {
    if (!isCalendarDate(date)) {
      problems.push({ code: 'invalid_date', path, found: date });
      return false;
    }
    const year = Number(date.slice(0, 4));
    if (year < first || year > last) {
      problems.push({ code: 'date_outside_covered_years', path, found: date });
      return false;
    }
    return true;
  };
  const checkTime = (time: ClockTime, path: string): boolean => {
    if (isClockTime(time)) return true;
    problems.push({ code: 'invalid_time', path, found: time });
    return false;
  };

  input.nonWorkingDates.forEach((date, i) => checkDate(date, `nonWorkingDates[${i}]`));

  const { start, end } = input.workingHours;
  const hoursValid = checkTime(start, 'workingHours.start') && checkTime(end, 'workingHours.end');
  if (hoursValid && start >= end) problems.push({ code: 'working_hours_order', path: 'workingHours', found: `${start}–${end}` });

  (input.shortDays ?? []).forEach((day, i) => {
    checkDate(day.date, `shortDays[${i}].date`);
    if (checkTime(day.end, `shortDays[${i}].end`) && hoursValid && (day.end <= start || day.end > end)) {
      problems.push({ code: 'short_day_order', path: `shortDays[${i}].end`, found: day.end });
    }
  });

  const schoolBreaks: SchoolBreak[] = [];
  input.schoolYears.forEach((year, y) => {
    const startYear = schoolYearStart(year.schoolYear);
    if (startYear === undefined) {
      problems.push({ code: 'invalid_school_year', path: `schoolYears[${y}].schoolYear`, found: year.schoolYear });
    }
    year.breaks.forEach((b, i) => {
      const path = `schoolYears[${y}].breaks[${i}]`;
      const datesValid = [checkDate(b.from, `${path}.from`), checkDate(b.to, `${path}.to`)].every(Boolean);
      if (!datesValid) return;
      if (b.from > b.to) problems.push({ code: 'break_order', path, found: `${b.from}–${b.to}` });
      else if (startYear !== undefined && (b.from < `${startYear}-07-01` || b.to > `${startYear + 1}-08-31`)) {
        problems.push({ code: 'break_outside_school_year', path, found: `${year.schoolYear}: ${b.from}–${b.to}` });
      }
      schoolBreaks.push({ schoolYear: year.schoolYear, name: b.name, from: b.from, to: b.to });
    });
  });

  if (problems.length > 0) return err(problems);
  return ok(
    Object.freeze({
      coveredYears: Object.freeze({ first, last }),
      nonWorkingDates: new Set(input.nonWorkingDates),
      schoolBreaks: Object.freeze(schoolBreaks.map((b) => Object.freeze(b))),
      workingHours: Object.freeze({ start, end }),
      shortDays: new Map((input.shortDays ?? []).map((d) => [d.date, d.end])),
    }),
  );
}

/** Throws when `date` lies outside the years the rules were built for: the rules would silently be wrong. */
export function assertCovered(date: CalendarDate, rules: CalendarRules): void {
  const year = Number(date.slice(0, 4));
  const { first, last } = rules.coveredYears;
  if (!(year >= first && year <= last)) {
    throw new RangeError(`Calendar rules cover ${first}–${last}, asked about ${date}: build the rules for more years at start-up`);
  }
}
