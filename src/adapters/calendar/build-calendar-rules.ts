import { addCalendarDays, isoWeekday, isWeekend, type CalendarDate } from '../../domain/calendar/calendar-date';
import {
  createCalendarRules,
  type CalendarRules,
  type CalendarRulesProblem,
  type CalendarSettings,
} from '../../domain/calendar/calendar-rules';

/** Calendar years the rules answer for (asking about any other year throws), office hours, school breaks. */
export type CalendarConfig = CalendarSettings;

/**
 * Swedish public holidays (Act 1989:253, domain C1) and the de-facto days off of `year` (Midsummer Eve,
 * Christmas Eve, New Year's Eve; domain C2; Easter Eve and Whitsun Eve, also free, are Saturdays and need no
 * entry). Computed here rather than with the date-holidays library, which loads every country's calendar
 * (some 250 modules, 8 MiB of heap) to answer for one; test/unit/calendar/swedish-days-off.test.ts checks
 * these against date-holidays for every year from 2005 to 2100.
 */
export function swedishDaysOff(year: number): { publicHolidays: CalendarDate[]; deFactoDaysOff: CalendarDate[] } {
  const on = (monthDay: string): CalendarDate => `${String(year).padStart(4, '0')}-${monthDay}`;
  const easter = easterSunday(year);
  const midsummerDay = saturdayFrom(on('06-20'));
  const publicHolidays = [
    on('01-01'), // New Year's Day
    on('01-06'), // Epiphany
    addCalendarDays(easter, -2), // Good Friday
    easter,
    addCalendarDays(easter, 1), // Easter Monday
    on('05-01'),
    addCalendarDays(easter, 39), // Ascension Day
    addCalendarDays(easter, 49), // Whit Sunday
    // National Day became a holiday in 2005, when Whit Monday stopped being one.
    year >= 2005 ? on('06-06') : addCalendarDays(easter, 50),
    midsummerDay,
    saturdayFrom(on('10-31')), // All Saints' Day
    on('12-25'),
    on('12-26'),
  ];
  return { publicHolidays, deFactoDaysOff: [addCalendarDays(midsummerDay, -1), on('12-24'), on('12-31')] };
}

/** Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first Saturday on or after `date` (Midsummer Day: 20–26 June; All Saints' Day: 31 October–6 November). */
function saturdayFrom(date: CalendarDate): CalendarDate {
  const saturday = 6;
  return addCalendarDays(date, (saturday - isoWeekday(date) + 7) % 7);
}

/**
 * Builds the calendar rules used for every deadline: holidays and eves (swedishDaysOff) for each
 * configured year, school breaks and office hours from configuration. Throws with every configuration
 * problem listed, so start-up stops instead of counting deadlines on a wrong calendar.
 */
export function buildCalendarRules(config: CalendarConfig): CalendarRules {
  const { first, last } = config.years;
  const years = Number.isInteger(first) && Number.isInteger(last) ? range(first, last) : [];
  const daysOff = years.map(swedishDaysOff);
  const nonWorkingDates = daysOff.flatMap((d) => [...d.publicHolidays, ...d.deFactoDaysOff]);
  const publicHolidays = new Set(daysOff.flatMap((d) => d.publicHolidays));
  const nonWorking = new Set(nonWorkingDates);

  const endsAt = config.dayBeforeHolidayEndsAt;
  const shortDays =
    endsAt === undefined
      ? []
      : [...publicHolidays]
          .map((holiday) => addCalendarDays(holiday, -1))
          .filter((day) => Number(day.slice(0, 4)) >= first && !isWeekend(day) && !nonWorking.has(day))
          .map((date) => ({ date, end: endsAt }));

  const built = createCalendarRules({
    coveredYears: config.years,
    nonWorkingDates,
    schoolYears: config.schoolYears,
    workingHours: config.workingHours,
    shortDays,
  });
  if (!built.ok) {
    throw new Error(`The calendar configuration has problems:\n${built.error.map(describeProblem).join('\n')}`);
  }
  return built.value;
}

function describeProblem(p: CalendarRulesProblem): string {
  const expected: Record<CalendarRulesProblem['code'], string> = {
    invalid_years: 'a first and last year, first <= last',
    invalid_date: 'a date YYYY-MM-DD',
    invalid_time: 'a time HH:MM',
    invalid_school_year: 'a school year such as 2026/27',
    date_outside_covered_years: 'a date inside the configured years',
    break_order: 'from on or before to',
    break_outside_school_year: 'dates between 1 July of the first year and 31 August of the second',
    working_hours_order: 'start before end',
    short_day_order: 'an end after the start of working hours and not after their usual end',
  };
  return `- ${p.path}: expected ${expected[p.code]}, found ${JSON.stringify(p.found)}`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from + 1, 0) }, (_, i) => from + i);
}
