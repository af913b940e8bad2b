/**
 * A calendar date `YYYY-MM-DD` as seen in Europe/Stockholm. Deadlines are calendar dates; instants are ISO
 * UTC strings and only the Clock adapter converts between the two.
 */
export type CalendarDate = string;

const dateShape = /^\d{4}-\d{2}-\d{2}$/;

/*
 * Dates are counted as whole days since 1970-01-01 in plain integer arithmetic (the proleptic Gregorian
 * calendar, as `Date` uses). Reminder planning steps through dates day by day for every case, and building
 * a `Date` and printing it with `toISOString` cost about a microsecond per step. The conversions are Howard
 * Hinnant's `days_from_civil` and `civil_from_days` (https://howardhinnant.github.io/date_algorithms.html):
 * the year is shifted to start on 1 March, so that the leap day ends it, and split into 400-year eras of
 * 146 097 days.
 */
const daysPerEra = 146_097;
/** Days from 0000-03-01, the start of era 0, to 1970-01-01. */
const epochShift = 719_468;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * daysPerEra + dayOfEra - epochShift;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The number the ASCII digits of `value` from `start` up to `end` spell; a third of the cost of regex groups. */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i += 1) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/** Days since 1970-01-01, or undefined when `value` is not a real `YYYY-MM-DD` date (no 2026-02-30). */
export function dayNumberOf(value: string): number | undefined {
  if (!dateShape.test(value)) return undefined;
  const [year, month, day] = [digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10)];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

function dayNumber(date: CalendarDate): number {
  const n = dayNumberOf(date);
  if (n === undefined) throw new RangeError(`Expected a calendar date YYYY-MM-DD, found ${JSON.stringify(date)}`);
  return n;
}

/** The date `n` days after 1970-01-01 (before it when negative). */
export function dateOfDayNumber(n: number): CalendarDate {
  const shifted = n + epochShift;
  const era = Math.floor(shifted / daysPerEra);
  const dayOfEra = shifted - era * daysPerEra;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  // Outside four-digit years, print what `toISOString` prints (a sign and six digits) rather than a new format.
  if (year < 0 || year > 9999) return new Date(n * 86_400_000).toISOString().slice(0, 10);
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** True when `value` is a real `YYYY-MM-DD` date. */
export function isCalendarDate(value: string): boolean {
  return dayNumberOf(value) !== undefined;
}

/** The date `n` calendar days after `date` (before it when `n` is negative); months and years roll over. */
export function addCalendarDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, found ${n}`);
  return dateOfDayNumber(dayNumber(date) + n);
}

/** How many calendar days lie from `a` to `b`: 0 for the same date, negative when `b` is before `a`. */
export function calendarDaysBetween(a: CalendarDate, b: CalendarDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** True on Saturdays and Sundays. */
export function isWeekend(date: CalendarDate): boolean {
  return isoWeekday(date) >= 6;
}

/** The Monday of ISO week `week` of `year` (week 1 holds 4 January); throws if the year has no such week. */
export function isoWeekMonday(year: number, week: number): CalendarDate {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  const monday = addCalendarDays(jan4, 1 - isoWeekday(jan4) + 7 * (week - 1));
  // A week belongs to the year that holds its Thursday.
  if (!Number.isInteger(week) || week < 1 || addCalendarDays(monday, 3).slice(0, 4) !== jan4.slice(0, 4)) {
    throw new RangeError(`${year} has no ISO week ${week}`);
  }
  return monday;
}

/**
 * The `n`-th date after `date` (before it when `n` is negative) for which `counts` is true; `date` itself is
 * never counted. `n = 0` gives `date` if it counts, else the first later date that does.
 */
export function addCountedDays(date: CalendarDate, n: number, counts: (d: CalendarDate) => boolean): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, found ${n}`);
  if (n === 0 && counts(date)) return date;
  const step = n < 0 ? -1 : 1;
  let remaining = Math.max(Math.abs(n), 1);
  let day = dayNumber(date);
  let current = date;
  while (remaining > 0) {
    day += step;
    current = dateOfDayNumber(day);
    if (counts(current)) remaining -= 1;
  }
  return current;
}

/** The number of dates `d` with `a < d <= b` for which `counts` is true; negated when `b` is before `a`. */
export function countDaysBetween(a: CalendarDate, b: CalendarDate, counts: (d: CalendarDate) => boolean): number {
  const [dayA, dayB] = [dayNumber(a), dayNumber(b)];
  const [from, to, sign] = dayA <= dayB ? [dayA, dayB, 1] : [dayB, dayA, -1];
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) {
    if (counts(dateOfDayNumber(day))) count += 1;
  }
  return sign * count;
}
