/**
 * A calendar date `YYYY-MM-DD` as seen in Europe/Stockholm. Deadlines are calendar dates; instants are ISO
 * UTC strings and only the Clock adapter converts between the two.
 */
export type CalendarDate = string;

const dateShape = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** Days since 1970-01-01, or undefined when `value` is not a real `YYYY-MM-DD` date (no 2026-02-30). */
function toDayNumber(value: string): number | undefined {
  const m = dateShape.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / msPerDay;
}

function dayNumber(date: CalendarDate): number {
  const n = toDayNumber(date);
  if (n === undefined) throw new RangeError(`Expected a calendar date YYYY-MM-DD, found ${JSON.stringify(date)}`);
  return n;
}

function fromDayNumber(n: number): CalendarDate {
  return new Date(n * msPerDay).toISOString().slice(0, 10);
}

/** True when `value` is a real `YYYY-MM-DD` date. */
export function isCalendarDate(value: string): boolean {
  return toDayNumber(value) !== undefined;
}

/** The date `n` calendar days after `date` (before it when `n` is negative); months and years roll over. */
export function addCalendarDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days, found ${n}`);
  return fromDayNumber(dayNumber(date) + n);
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
  let current = date;
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (counts(current)) remaining -= 1;
  }
  return current;
}

/** The number of dates `d` with `a < d <= b` for which `counts` is true; negated when `b` is before `a`. */
export function countDaysBetween(a: CalendarDate, b: CalendarDate, counts: (d: CalendarDate) => boolean): number {
  const span = calendarDaysBetween(a, b);
  const [from, sign] = span >= 0 ? [a, 1] : [b, -1];
  let count = 0;
  for (let i = 1; i <= Math.abs(span); i += 1) {
    if (counts(addCalendarDays(from, i))) count += 1;
  }
  return sign * count;
}
