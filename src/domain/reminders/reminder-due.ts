import type { CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import type { ClockTime, LocalDateTime } from '../calendar/local-date-time';
import { addSchoolDays } from '../calendar/school-days';
import { addWorkingDays, isWorkingDay } from '../calendar/working-days';
import { endOfWorkingDay, nextSendTime } from '../calendar/working-hours';

/**
 * Due times of reminders, as Stockholm wall-clock times inside working hours. Every function starts from
 * the first working moment at or after the event (a case arriving at night counts from the next morning),
 * counts its days with the calendar functions, and moves the result into working hours with `nextSendTime`.
 */

/**
 * Orders two wall-clock times as the instants they stand for (negative when `a` is earlier; within one day there
 * is no DST change in working hours). Dates and times are fixed-width, so date first, then time, is the order of
 * the strings `date + 'T' + time`, compared without building them: planning compares due times many times per case.
 */
export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

const minutesOf = (time: ClockTime): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clockTime = (minutes: number): ClockTime =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `n` school days after `from` (school-facing: pauses in school breaks), at the same time of day. */
export function afterSchoolDays(from: LocalDateTime, n: number, rules: CalendarRules): LocalDateTime {
  const start = nextSendTime(from, rules);
  return nextSendTime({ date: addSchoolDays(start.date, n, rules), time: start.time }, rules);
}

/** `n` working days after `from` (social services: does not pause in school breaks), at the same time of day. */
export function afterWorkingDays(from: LocalDateTime, n: number, rules: CalendarRules): LocalDateTime {
  const start = nextSendTime(from, rules);
  return nextSendTime({ date: addWorkingDays(start.date, n, rules), time: start.time }, rules);
}

/**
 * The last minute of the working day `from` falls in (or, outside working hours, of the next one): "by the
 * end of the same working day", still inside working hours so it is sent then and not the next morning.
 */
export function endOfSameWorkingDay(from: LocalDateTime, rules: CalendarRules): LocalDateTime {
  const end = endOfWorkingDay(nextSendTime(from, rules).date, rules);
  return { date: end.date, time: clockTime(minutesOf(end.time) - 1) };
}

/** `hours` after `from` within the same working day, but no later than `endOfSameWorkingDay`. */
export function hoursLaterSameDay(from: LocalDateTime, hours: number, rules: CalendarRules): LocalDateTime {
  const start = nextSendTime(from, rules);
  const latest = endOfSameWorkingDay(start, rules);
  const wanted = minutesOf(start.time) + Math.round(hours * 60);
  return wanted >= minutesOf(latest.time) ? latest : { date: start.date, time: clockTime(wanted) };
}

/**
 * The start of working hours on `date`, or on the last working day before it when `date` is not one: a
 * warning ahead of a deadline is better early than late.
 */
export function workingDayStartNoLaterThan(date: CalendarDate, rules: CalendarRules): LocalDateTime {
  const day = isWorkingDay(date, rules) ? date : addWorkingDays(date, -1, rules);
  return { date: day, time: rules.workingHours.start };
}
