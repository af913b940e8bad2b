import Holidays from 'date-holidays';
import { addCalendarDays, isWeekend, type CalendarDate } from '../../domain/calendar/calendar-date';
import {
  createCalendarRules,
  type CalendarRules,
  type CalendarRulesProblem,
  type CalendarSettings,
} from '../../domain/calendar/calendar-rules';

/** Calendar years the rules answer for (asking about any other year throws), office hours, school breaks. */
export type CalendarConfig = CalendarSettings;

/**
 * Days off that the library lists as 'bank' rather than 'public', named as date-holidays names them in
 * English. Municipal employers treat them as days off (domain C2). Easter Eve and Whitsun Eve, also free,
 * are Saturdays and need no entry.
 */
const deFactoDaysOff: readonly string[] = ['Midsummer Eve', 'Christmas Eve', "New Year's Eve"];

/** Swedish public holidays (Act 1989:253, domain C1) plus the de-facto days off of `year`, from date-holidays. */
export function swedishDaysOff(year: number): { publicHolidays: CalendarDate[]; deFactoDaysOff: CalendarDate[] } {
  const listed = new Holidays('SE').getHolidays(year, 'en');
  const publicHolidays = listed.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
  const eves = deFactoDaysOff.map((name) => {
    const found = listed.find((h) => h.name === name);
    if (!found) {
      throw new Error(`date-holidays listed no "${name}" for SE ${year}; expected ${deFactoDaysOff.join(', ')} every year`);
    }
    return found.date.slice(0, 10);
  });
  return { publicHolidays, deFactoDaysOff: eves };
}

/**
 * Builds the calendar rules used for every deadline: holidays and eves from date-holidays for each
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
