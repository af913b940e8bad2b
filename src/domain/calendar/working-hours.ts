import type { CalendarDate } from './calendar-date';
import type { CalendarRules, WorkingHours } from './calendar-rules';
import type { LocalDateTime } from './local-date-time';
import { isWorkingDay, nextWorkingDay } from './working-days';

/** Office hours on `date`: shortened on a short day, undefined on a day that is not a working day. */
export function workingHoursOn(date: CalendarDate, rules: CalendarRules): WorkingHours | undefined {
  if (!isWorkingDay(date, rules)) return undefined;
  const shortEnd = rules.shortDays.get(date);
  return { start: rules.workingHours.start, end: shortEnd ?? rules.workingHours.end };
}

/** True when `local` is on a working day, at or after the start and before the end of that day's hours. */
export function isWithinWorkingHours(local: LocalDateTime, rules: CalendarRules): boolean {
  const hours = workingHoursOn(local.date, rules);
  return hours !== undefined && hours.start <= local.time && local.time < hours.end;
}

/**
 * The earliest moment at or after `local` that lies within working hours: `local` itself inside them,
 * the start of the same day before they begin, else the start of the next working day.
 */
export function nextSendTime(local: LocalDateTime, rules: CalendarRules): LocalDateTime {
  const hours = workingHoursOn(local.date, rules);
  if (hours !== undefined && local.time < hours.end) {
    return { date: local.date, time: local.time < hours.start ? hours.start : local.time };
  }
  return { date: nextWorkingDay(local.date, rules), time: rules.workingHours.start };
}

/**
 * When working hours end on `date` (earlier on a short day); for a date that is not a working day, when
 * they end on the next working day. "Acknowledge by end of day" deadlines use this.
 */
export function endOfWorkingDay(date: CalendarDate, rules: CalendarRules): LocalDateTime {
  const day = isWorkingDay(date, rules) ? date : nextWorkingDay(date, rules);
  return { date: day, time: rules.shortDays.get(day) ?? rules.workingHours.end };
}
